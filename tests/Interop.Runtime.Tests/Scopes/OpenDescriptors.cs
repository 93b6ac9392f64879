namespace Interop.Runtime.Tests.Scopes;

/// <summary>Asks the kernel, through /proc/self/fd, which of this process's file descriptors are open on a file.</summary>
public static class OpenDescriptors
{
    public static bool IsSupported => Directory.Exists("/proc/self/fd");

    /// <summary>How many descriptors of this process refer to <paramref name="path"/> right now.</summary>
    public static int On(string path)
    {
        var count = 0;
        foreach (var link in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(link).LinkTarget == path)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The descriptor was closed (by another test) between listing and reading it.
            }
        }

        return count;
    }
}
