namespace LogScan;

/// <summary>How <c>count</c> scans its input.</summary>
internal enum Engine
{
    /// <summary>One thread, managed span search over one pooled buffer.</summary>
    Managed,

    /// <summary>One thread, the C core's kernel over the same buffer (through the generated bindings).</summary>
    Native,

    /// <summary>Several threads over line-aligned chunks (files) or blocks (pipes), with the kernel chosen by <c>--kernel</c>.</summary>
    Parallel,
}
