using Consumer.Native;
using Interop.Runtime.Processes;
using Interop.Testing;
using Moq;
using Xunit;

/// <summary>Code under test: calls the native library through the ambient facade.</summary>
public static class Totals
{
    public static int Sum(params int[] values) => values.Aggregate(0, (total, value) => Faults.Current.faults_add(total, value));
}

public sealed class MockTests
{
    [Fact]
    public void Use_PatchesTheLibraryForOneScope()
    {
        var fake = new Mock<IFaults>();
        fake.Setup(f => f.faults_add(It.IsAny<int>(), It.IsAny<int>())).Returns((int a, int b) => a * 100 + b);

        using (Faults.Use(fake.Object))
        {
            Assert.Equal(10203, Totals.Sum(1, 2, 3));
            fake.Verify(f => f.faults_add(It.IsAny<int>(), It.IsAny<int>()), Times.Exactly(3));
        }

        Assert.Equal(6, Totals.Sum(1, 2, 3)); // the real C function again
    }

    [Fact]
    public async Task CrashIsolation_TurnsASegfaultIntoOneFailure()
    {
        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => CrashIsolation.RunAsync(static () => Faults.faults_segfault()));
        Assert.Equal(11, crash.Signal);
    }
}
