using Moq;
using NSubstitute;

namespace Interop.Runtime.Tests.Mocking;

/// <summary>
/// Two flows patch the same ambient <see cref="Calc"/> at the same time, one with a Moq fake and one with an
/// NSubstitute fake, and each sees only its own: what two xunit test classes running in parallel do. The test starts
/// both flows itself (each on the thread pool, so each has its own async context) rather than relying on xunit to
/// schedule two classes together: on a loaded 2-core machine xunit may run them one after the other.
/// </summary>
public sealed class ParallelPatchTests
{
    [Fact]
    public async Task Each_flow_sees_its_own_fake_while_the_other_has_a_different_one_open()
    {
        var meeting = Guid.NewGuid().ToString("N");
        await Task.WhenAll(Task.Run(() => MoqFlowAsync(meeting)), Task.Run(() => NSubstituteFlowAsync(meeting)));
        Assert.Same(RealCalc.Instance, Calc.Current);
    }

    private static async Task MoqFlowAsync(string meeting)
    {
        var fake = new Mock<ICalc>();
        fake.Setup(c => c.Add(It.IsAny<int>(), It.IsAny<int>())).Returns(1000);

        using (Calc.Use(fake.Object))
        {
            await Rendezvous.ArriveAsync($"{meeting} both patched");
            try
            {
                Assert.Equal(1000, Invoice.Total(1, 2));
                Assert.Equal(1000, await Invoice.TotalAsync(3, 4));
            }
            finally
            {
                // Keep the scope open until the other flow has checked too, even when this one failed.
                await Rendezvous.ArriveAsync($"{meeting} both checked");
            }
        }

        Assert.Same(RealCalc.Instance, Calc.Current);
        fake.Verify(c => c.Add(1, 2), Times.Once);
        fake.Verify(c => c.Add(3, 4), Times.Once);
        fake.VerifyNoOtherCalls();
    }

    private static async Task NSubstituteFlowAsync(string meeting)
    {
        var fake = Substitute.For<ICalc>();
        fake.Add(Arg.Any<int>(), Arg.Any<int>()).Returns(-7);

        using (Calc.Use(fake))
        {
            await Rendezvous.ArriveAsync($"{meeting} both patched");
            try
            {
                Assert.Equal(-7, Invoice.Total(10, 20));
                Assert.Equal(-7, await Invoice.TotalAsync(30, 40));
            }
            finally
            {
                await Rendezvous.ArriveAsync($"{meeting} both checked");
            }
        }

        Assert.Same(RealCalc.Instance, Calc.Current);
        Received.InOrder(() =>
        {
            fake.Add(10, 20);
            fake.Add(30, 40);
        });
        Assert.Equal(2, fake.ReceivedCalls().Count());
    }
}
