using Calculator.Native;

namespace Calculator;

/// <summary>
/// Application code that depends on the native library only through its generated interface, so tests
/// can replace the C side the way the lesson's test replaces <c>requests.get</c>.
/// </summary>
public sealed class Checkout
{
    private readonly ICore _core;

    public Checkout(ICore core) => _core = core;

    /// <summary>Adds the amounts with the C function, one pair at a time.</summary>
    public int Total(params int[] amounts)
    {
        var total = 0;
        foreach (var amount in amounts)
        {
            total = _core.my_add(total, amount);
        }

        return total;
    }
}
