namespace Interop.Runtime.Tests.Mocking;

/// <summary>A hand-written stand-in for a generated library interface (the shape the generator emits for my_add).</summary>
public interface ICalc
{
    int Add(int x, int y);
}
