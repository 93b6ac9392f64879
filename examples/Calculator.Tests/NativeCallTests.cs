using System.Text;
using Calculator.Native;

namespace Calculator.Tests;

/// <summary>
/// The lesson's pytest example, against the real C function: plain asserts, no ceremony. These run
/// the generated bindings against libinterop_core.so built by CMake during the build.
/// </summary>
public sealed class NativeCallTests
{
    [Fact]
    public void MyAdd_AddsThroughTheGeneratedBinding()
    {
        Assert.Equal(5, Core.my_add(2, 3));
        Assert.Equal(0, Core.my_add(-1, 1));
    }

    [Fact]
    public void MyAdd_WrapsAroundLikeCIntArithmetic()
    {
        Assert.Equal(int.MinValue, Core.my_add(int.MaxValue, 1));
    }

    [Fact]
    public void DefaultFacade_ForwardsToTheNativeLibrary()
    {
        ICore core = CoreNative.Instance;
        Assert.Equal(30, core.my_add(10, 20));
    }

    [Fact]
    public unsafe void Crc32c_OfTheStandardCheckInput_IsTheCatalogueValue()
    {
        var data = "123456789"u8;
        fixed (byte* p = data)
        {
            Assert.Equal(0xE3069283u, Core.interop_crc32c(Core.INTEROP_CRC32C_INIT, p, (nuint)data.Length));
        }
    }

    [Fact]
    public unsafe void ScanLines_FillsTheGeneratedStructAtTheCLayout()
    {
        var text = Encoding.UTF8.GetBytes("alpha\nbeta needle\ngamma\nneedle needle\nlast line without newline");
        var needle = "needle"u8.ToArray();
        interop_line_stats stats = default;
        fixed (byte* data = text)
        fixed (byte* n = needle)
        {
            Assert.Equal(0, Core.interop_scan_lines(data, (nuint)text.Length, n, (nuint)needle.Length, &stats));
        }

        Assert.Equal(5ul, stats.lines);
        Assert.Equal(2ul, stats.matches);
        Assert.Equal((ulong)text.Length, stats.bytes);
        Assert.Equal(24, sizeof(interop_line_stats));
    }

    [Fact]
    public unsafe void ScanLines_RejectsANullStatsPointer()
    {
        var text = "x\n"u8.ToArray();
        fixed (byte* data = text)
        {
            Assert.Equal(-1, Core.interop_scan_lines(data, (nuint)text.Length, null, 0, null));
        }
    }

    /// <summary>
    /// The span rule from Calculator.csproj (<c>Spans="*(data,length);*(needle,needle_length)"</c>): pointer and
    /// length pairs become spans. Two rules in one metadata value also prove lists survive the trip to the generator.
    /// </summary>
    [Fact]
    public void SpanOverloads_TakePointerAndLengthPairsAsSpans()
    {
        var text = "one needle\ntwo\nneedle three needle\n"u8;

        Assert.Equal(0xE3069283u, Core.interop_crc32c(Core.INTEROP_CRC32C_INIT, "123456789"u8));
        Assert.Equal(2L, Core.interop_count_lines_containing(text, "needle"u8));
        Assert.Equal(3L, Core.interop_count_lines(text));
        Assert.Equal(0L, Core.interop_count_lines(ReadOnlySpan<byte>.Empty));
    }
}
