using Moq;

namespace Interop.Runtime.Tests.Mocking;

/// <summary>
/// Half of a pair with <see cref="ParallelNSubstitutePatchTests"/>: xunit runs the two classes in parallel, both patch
/// the same ambient <see cref="Calc"/> at the same time, each with its own fake, and each sees only its own.
/// </summary>
public sealed class ParallelMoqPatchTests
{
    [Fact]
    public async Task Sees_its_own_fake_while_the_other_class_has_a_different_one_open()
    {
        var fake = new Mock<ICalc>();
        fake.Setup(c => c.Add(It.IsAny<int>(), It.IsAny<int>())).Returns(1000);

        using (Calc.Use(fake.Object))
        {
            await Rendezvous.ArriveAsync("both patched");
            try
            {
                Assert.Equal(1000, Invoice.Total(1, 2));
                Assert.Equal(1000, await Invoice.TotalAsync(3, 4));
            }
            finally
            {
                // Keep the scope open until the other class has checked too, even when this one failed.
                await Rendezvous.ArriveAsync("both checked");
            }
        }

        Assert.Same(RealCalc.Instance, Calc.Current);
        fake.Verify(c => c.Add(1, 2), Times.Once);
        fake.Verify(c => c.Add(3, 4), Times.Once);
        fake.VerifyNoOtherCalls();
    }
}
