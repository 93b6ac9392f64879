namespace LogScan;

/// <summary>The synthetic logs <c>generate</c> writes.</summary>
internal enum LogFormat
{
    /// <summary>The lesson's format: <c>Line i: INFO: System ok</c> when i % 3 == 0, else <c>Line i: ERROR: System failure i</c> (two lines in three match ERROR).</summary>
    Dense,

    /// <summary>Realistic lines of 40–200 bytes (newline included); 1% of them have level ERROR.</summary>
    Sparse,
}
