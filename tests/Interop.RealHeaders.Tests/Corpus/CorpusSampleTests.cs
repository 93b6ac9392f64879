using Interop.RealHeaders.Tests.Clang;
using Interop.RealHeaders.Tests.Oracle;
using Xunit.Abstractions;

namespace Interop.RealHeaders.Tests.Corpus;

/// <summary>
/// CI's slice of the system-header corpus (benchmarks/corpus/run.sh runs all of it): a fixed set of glibc and Linux
/// uapi headers chosen for their layout classes (flexible and zero-length arrays, packed structs inside plain ones,
/// bitfield-only unions, 16-byte alignment, VLA parameters, atomics, macros hiding enumerators). Each must bind without errors through the CLI's core,
/// its C# must compile, and every record, field, bitfield, enum member and constant must equal clang-14's.
/// </summary>
public sealed class CorpusSampleTests(ITestOutputHelper output)
{
    public static TheoryData<string> Headers => new(
        "/usr/include/linux/perf_event.h",      // bitfield-only unions, a packed struct, zero-length arrays
        "/usr/include/linux/io_uring.h",        // flexible arrays, unions of unions
        "/usr/include/linux/ethtool.h",         // flexible arrays after counts
        "/usr/include/linux/usb/ch9.h",         // packed descriptors embedded in plain structs
        "/usr/include/x86_64-linux-gnu/sys/epoll.h", // epoll_event is packed on x86_64
        "/usr/include/linux/bpf.h",             // aligned(8) members, bitfields, anonymous unions
        "/usr/include/netinet/ip.h",            // bitfields across byte order macros
        "/usr/include/regex.h",                 // regmatch_t __pmatch[__nmatch]: a VLA parameter
        "/usr/include/linux/if_packet.h",
        "/usr/include/linux/input.h",
        "/usr/include/elf.h",                   // thousands of constants
        "/usr/include/linux/netlink.h",
        "/usr/include/x86_64-linux-gnu/sys/stat.h",
        "/usr/include/linux/fiemap.h",          // a flexible array of structs
        "/usr/include/linux/virtio_ring.h",     // aligned typedefs, flexible arrays
        "/usr/include/linux/cdrom.h",           // bitfields, unions
        "/usr/include/linux/hdreg.h",
        "/usr/include/linux/pkt_sched.h",       // macros that hide the enumerators they are named like
        "/usr/include/liburing.h");             // clang's stdatomic.h (_Atomic(T)), glibc's statx under #ifdef __has_include

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task SystemHeader_BindsWithoutErrors_AndMatchesClang(string header)
    {
        Clang14.RequireInstalled();
        Assert.True(File.Exists(header), $"{header} is missing: install libc6-dev and linux-libc-dev");

        var binding = CorpusBinder.Bind(header, SystemCorpus.IncludeDirectories, TimeSpan.FromMinutes(2));
        Assert.True(binding.Outcome is CorpusOutcome.Clean or CorpusOutcome.Warnings, $"{header}: {binding.Outcome}: {binding.FirstError}");

        var check = await CorpusLayoutCheck.CheckAsync(binding, SystemCorpus.IncludeDirectories);
        Assert.True(check.CompileErrors.Count == 0, $"{header}: the bindings do not compile:\n{string.Join("\n", check.CompileErrors.Take(20))}");
        Assert.True(check.Checked > 0, $"{header}: nothing was checked");
        OracleAssert.NoMismatches(output, header, "records, fields, bitfields, enum members and constants", check.Checked, check.Mismatches);
    }

    [Fact]
    public void Sample_IsTheSameOnEveryRun_AndSpreadOverTheList()
    {
        var items = Enumerable.Range(0, 1000).Select(i => i.ToString("D4")).ToList();

        var sample = SystemCorpus.EveryNth(items, 300);

        Assert.Equal(300, sample.Distinct().Count());
        Assert.Equal(sample, SystemCorpus.EveryNth(items, 300));
        Assert.Equal(("0000", "0996"), (sample[0], sample[^1]));
    }
}
