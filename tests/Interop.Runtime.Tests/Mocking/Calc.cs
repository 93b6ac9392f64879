using Interop.Runtime.Mocking;

namespace Interop.Runtime.Tests.Mocking;

/// <summary>
/// The ambient accessors, written the way generated code wires them: <c>Calc.Current</c> for callers,
/// <c>Calc.Use(fake)</c> for tests. Shared by every test class, as a generated static would be.
/// </summary>
public static class Calc
{
    public static AmbientOverride<ICalc> Ambient { get; } = new(RealCalc.Instance);

    public static ICalc Current => Ambient.Current;

    public static IDisposable Use(ICalc fake) => Ambient.Use(fake);
}
