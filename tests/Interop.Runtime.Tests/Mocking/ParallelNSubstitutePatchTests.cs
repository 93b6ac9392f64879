using NSubstitute;

namespace Interop.Runtime.Tests.Mocking;

/// <summary>The other half of the pair with <see cref="ParallelMoqPatchTests"/>.</summary>
public sealed class ParallelNSubstitutePatchTests
{
    [Fact]
    public async Task Sees_its_own_fake_while_the_other_class_has_a_different_one_open()
    {
        var fake = Substitute.For<ICalc>();
        fake.Add(Arg.Any<int>(), Arg.Any<int>()).Returns(-7);

        using (Calc.Use(fake))
        {
            await Rendezvous.ArriveAsync("both patched");
            try
            {
                Assert.Equal(-7, Invoice.Total(10, 20));
                Assert.Equal(-7, await Invoice.TotalAsync(30, 40));
            }
            finally
            {
                // Keep the scope open until the other class has checked too, even when this one failed.
                await Rendezvous.ArriveAsync("both checked");
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
