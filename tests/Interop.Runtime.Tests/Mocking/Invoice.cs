namespace Interop.Runtime.Tests.Mocking;

/// <summary>Code under test: it calls the "native" function through the ambient accessor, knowing nothing of tests.</summary>
public static class Invoice
{
    public static int Total(int net, int tax) => Calc.Current.Add(net, tax);

    public static async Task<int> TotalAsync(int net, int tax)
    {
        await Task.Yield();
        return Calc.Current.Add(net, tax);
    }
}
