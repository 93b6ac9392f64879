namespace Interop.Runtime.Processes;

/// <summary>One line a worker wrote to its stdout or stderr (kept apart from the task protocol).</summary>
/// <param name="ProcessId">The worker's process id.</param>
/// <param name="IsStandardError">True for stderr, false for stdout.</param>
/// <param name="Text">The line, without its newline.</param>
public readonly record struct WorkerOutputLine(int ProcessId, bool IsStandardError, string Text);
