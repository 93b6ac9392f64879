using NSubstitute;

namespace Interop.Runtime.Tests.Mocking;

/// <summary>
/// The setUp/tearDown style of patching (Python's <c>patcher.start()</c> / <c>stop()</c>): the scope opens in the test
/// class constructor and closes in <see cref="Dispose"/>, and the test method in between sees the fake.
/// </summary>
public sealed class ConstructorPatchTests : IDisposable
{
    private readonly ICalc _fake = Substitute.For<ICalc>();
    private readonly IDisposable _patch;

    public ConstructorPatchTests()
    {
        _fake.Add(Arg.Any<int>(), Arg.Any<int>()).Returns(x => (int)x[0] * (int)x[1]);
        _patch = Calc.Use(_fake);
    }

    public void Dispose()
    {
        _patch.Dispose();
        Assert.Same(RealCalc.Instance, Calc.Current);
    }

    [Fact]
    public void A_scope_opened_in_the_constructor_is_seen_by_the_test_method()
    {
        Assert.Equal(12, Invoice.Total(3, 4));
        _fake.Received(1).Add(3, 4);
    }

    [Fact]
    public async Task A_scope_opened_in_the_constructor_is_seen_after_awaits_in_an_async_test()
    {
        Assert.Equal(30, await Invoice.TotalAsync(5, 6));
        _fake.Received(1).Add(5, 6);
    }
}
