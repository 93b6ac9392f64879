namespace LogScan;

/// <summary>The line-matching kernel the parallel engine runs on each chunk.</summary>
internal enum Kernel
{
    /// <summary><see cref="Interop.Runtime.Streaming.ManagedLineMatcher"/>.</summary>
    Managed,

    /// <summary><see cref="NativeLineMatcher"/>.</summary>
    Native,
}
