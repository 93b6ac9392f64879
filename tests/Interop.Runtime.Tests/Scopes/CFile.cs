using System.Runtime.InteropServices;

namespace Interop.Runtime.Tests.Scopes;

/// <summary>
/// A C <c>FILE*</c> from libc's <c>fopen</c>, owned by a <see cref="SafeHandle"/> that <c>fclose</c>s it: a real
/// native resource to put in an exit stack. (<c>fopen</c> rather than <c>open</c>, which is variadic in C.)
/// </summary>
public sealed partial class CFile : SafeHandle
{
    public CFile()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public string Name { get; private set; } = "";

    /// <summary>The file descriptor under the FILE*, to look up in /proc/self/fd.</summary>
    public int Descriptor => fileno(this);

    public override bool IsInvalid => handle == IntPtr.Zero;

    private Action<string>? Closed { get; set; }

    /// <summary>Opens <paramref name="path"/> for reading; <paramref name="closed"/> hears the name once it is closed.</summary>
    public static CFile Open(string path, Action<string>? closed = null)
    {
        var file = fopen(path, "r");
        if (file.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            file.Dispose();
            throw new IOException($"fopen(\"{path}\") failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        file.Name = Path.GetFileName(path);
        file.Closed = closed;
        return file;
    }

    protected override bool ReleaseHandle()
    {
        var ok = fclose(handle) == 0;
        Closed?.Invoke(Name);
        return ok;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial CFile fopen(string path, string mode);

    [LibraryImport("libc")]
    private static partial int fclose(IntPtr file);

    [LibraryImport("libc")]
    private static partial int fileno(CFile file);
}
