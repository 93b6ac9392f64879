using Calculator.Native;
using Moq;

namespace Calculator.Tests;

/// <summary>
/// The lesson's example 3 (mocking <c>requests.get</c>) in C#: the code under test calls the native
/// library through its generated interface, and Moq stands in for the library so the test controls
/// what "C" returns and verifies exactly how it was called.
/// </summary>
public sealed class CheckoutTests
{
    [Fact]
    public void Total_ReturnsWhatTheNativeSideComputed_AndCallsItWithTheExactArguments()
    {
        var core = new Mock<ICore>(MockBehavior.Strict);
        core.Setup(c => c.my_add(0, 10)).Returns(10);
        core.Setup(c => c.my_add(10, 20)).Returns(1_000); // the fake decides the answer, not C

        var total = new Checkout(core.Object).Total(10, 20);

        Assert.Equal(1_000, total);
        core.Verify(c => c.my_add(0, 10), Times.Once());
        core.Verify(c => c.my_add(10, 20), Times.Once());
        core.VerifyNoOtherCalls();
    }

    [Fact]
    public void Total_OfNothing_NeverCallsTheNativeLibrary()
    {
        var core = new Mock<ICore>();

        Assert.Equal(0, new Checkout(core.Object).Total());

        core.Verify(c => c.my_add(It.IsAny<int>(), It.IsAny<int>()), Times.Never());
    }

    [Fact]
    public void Total_WithTheRealLibrary_AgreesWithTheMockedExpectation()
    {
        Assert.Equal(42, new Checkout(CoreNative.Instance).Total(5, 7, 30));
    }
}
