using Calculator.Native;
using Interop.Runtime.Scopes;
using Moq;

namespace Calculator.Tests;

/// <summary>
/// <c>unittest.mock.patch</c> as a context manager, in C#: <c>using (Core.Use(fake))</c> replaces the native
/// library for this test's async flow only and restores it on dispose, even when xunit runs other tests at once.
/// </summary>
public sealed class AmbientPatchTests
{
    [Fact]
    public void Use_ReplacesTheLibraryInsideTheScope_AndRestoresItAfter()
    {
        var fake = new Mock<ICore>();
        fake.Setup(c => c.my_add(It.IsAny<int>(), It.IsAny<int>())).Returns((int a, int b) => a + b + 1000);

        using (Core.Use(fake.Object))
        {
            Assert.Equal(2030, Receipt.Total([10, 20])); // (0 + 10 + 1000) then (1010 + 20 + 1000): the fake answered
            fake.Verify(c => c.my_add(0, 10), Times.Once());
            fake.Verify(c => c.my_add(1010, 20), Times.Once());
        }

        Assert.Equal(30, Receipt.Total([10, 20])); // the real C function again
    }

    [Fact]
    public async Task Use_FlowsIntoAwaitedCode()
    {
        var fake = new Mock<ICore>();
        fake.Setup(c => c.my_add(It.IsAny<int>(), It.IsAny<int>())).Returns(7);

        using (Core.Use(fake.Object))
        {
            var total = await Task.Run(() => Receipt.Total([1]));
            Assert.Equal(7, total);
        }
    }

    [Fact]
    public void ExitStack_HoldsSeveralPatchesAndCleanUps_AndUndoesThemInReverseOrder()
    {
        var log = new List<string>();
        var outer = Mock.Of<ICore>(c => c.my_add(It.IsAny<int>(), It.IsAny<int>()) == 1);
        var inner = Mock.Of<ICore>(c => c.my_add(It.IsAny<int>(), It.IsAny<int>()) == 2);

        using (var stack = new ExitStack())
        {
            stack.Callback(() => log.Add($"first registered, last undone: {Receipt.Total([5])}"));
            stack.Enter(Core.Use(outer));
            stack.Callback(() => log.Add($"after the inner patch is undone: {Receipt.Total([5])}"));
            stack.Enter(Core.Use(inner));
            log.Add($"inside: {Receipt.Total([5])}");
        }

        Assert.Equal(["inside: 2", "after the inner patch is undone: 1", "first registered, last undone: 5"], log);
    }
}
