using Calculator.Native;

namespace Calculator;

/// <summary>
/// Application code that calls the native library through its ambient accessor, <c>Core.Current</c>,
/// instead of taking it by constructor: tests swap it with <c>using (Core.Use(fake))</c>, the way the
/// lesson patches <c>requests.get</c> with <c>unittest.mock.patch</c>.
/// </summary>
public static class Receipt
{
    /// <summary>The total of the line prices, added up by the C function.</summary>
    public static int Total(IEnumerable<int> prices) => prices.Aggregate(0, (total, price) => Core.Current.my_add(total, price));
}
