namespace Interop.Runtime.Tests.Mocking;

/// <summary>The default implementation, as the generator's <c>…Native</c> class would forward to the C function.</summary>
public sealed class RealCalc : ICalc
{
    public static RealCalc Instance { get; } = new();

    public int Add(int x, int y) => x + y;
}
