using Calculator.Native;
using Moq;

namespace Calculator.Tests;

/// <summary>
/// Pointer and length pairs named by the span rule (<c>Spans="*(data,length);..."</c>) reach the facade as one
/// <c>ReadOnlyMemory&lt;byte&gt;</c>: a test passes a <c>byte[]</c> and Moq matches it by content, which a span
/// (a ref struct) could never be; the default implementation pins it and calls the C core.
/// </summary>
public sealed class FacadeBufferTests
{
    private static readonly byte[] CheckInput = "123456789"u8.ToArray();

    [Fact]
    public void Moq_MatchesABufferMemberByContent()
    {
        var core = new Mock<ICore>(MockBehavior.Strict);
        core.Setup(c => c.interop_crc32c(Core.INTEROP_CRC32C_INIT, It.Is<ReadOnlyMemory<byte>>(m => m.ToArray().SequenceEqual(CheckInput)))).Returns(42u);

        Assert.Equal(42u, core.Object.interop_crc32c(Core.INTEROP_CRC32C_INIT, "123456789"u8.ToArray()));
        Assert.Throws<MockException>(() => core.Object.interop_crc32c(Core.INTEROP_CRC32C_INIT, "12345678"u8.ToArray()));
        core.Verify(c => c.interop_crc32c(It.IsAny<uint>(), It.Is<ReadOnlyMemory<byte>>(m => m.Length == 9)), Times.Once());
    }

    [Fact]
    public void Moq_MatchesTheSameArrayPassedAsIs()
    {
        var core = new Mock<ICore>();
        core.Setup(c => c.interop_count_lines(CheckInput)).Returns(1);

        Assert.Equal(1, core.Object.interop_count_lines(CheckInput));
        Assert.Equal(0, core.Object.interop_count_lines(new byte[] { 1, 2 }));
    }

    [Fact]
    public void DefaultFacade_PinsTheBufferAndPassesItsLength()
    {
        ICore core = CoreNative.Instance;

        Assert.Equal(0xE3069283u, core.interop_crc32c(Core.INTEROP_CRC32C_INIT, CheckInput));
        // A slice: the pointer and the length both come from the memory, not from the array.
        var padded = new byte[] { 0xFF, 0xFF }.Concat(CheckInput).Concat(new byte[] { 0xFF }).ToArray();
        Assert.Equal(0xE3069283u, core.interop_crc32c(Core.INTEROP_CRC32C_INIT, new ReadOnlyMemory<byte>(padded, 2, CheckInput.Length)));
        // Empty memory pins to NULL with length 0, which the C core answers with crc unchanged.
        Assert.Equal(Core.INTEROP_CRC32C_INIT, core.interop_crc32c(Core.INTEROP_CRC32C_INIT, ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void DefaultFacade_PassesTwoBuffersOfOneFunction()
    {
        ICore core = CoreNative.Instance;
        var text = "alpha\nbeta needle\ngamma\nneedle needle\n"u8.ToArray();

        Assert.Equal(2, core.interop_count_lines_containing(text, "needle"u8.ToArray()));
    }
}
