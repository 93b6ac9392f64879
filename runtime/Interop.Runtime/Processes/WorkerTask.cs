using System.Buffers;

namespace Interop.Runtime.Processes;

/// <summary>
/// A named unit of work that runs inside a worker process. Only the name and the encoded argument
/// cross the process boundary, never a delegate: the parent uses the task to encode arguments and
/// decode results, the worker finds the same task by name in its <see cref="TaskRegistry"/> and runs it.
/// Declare each task once, in code both processes share (typically a static field).
/// </summary>
public abstract class WorkerTask
{
    private protected WorkerTask(string name, TimeSpan? timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (timeout is { } t && t <= TimeSpan.Zero && t != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "A timeout must be positive or infinite.");
        }

        Name = name;
        Timeout = timeout;
    }

    /// <summary>The name the task is found by in the worker.</summary>
    public string Name { get; }

    /// <summary>
    /// How long one invocation may run before its worker is killed; null uses
    /// <see cref="PoolOptions.TaskTimeout"/>.
    /// </summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Runs the task in the worker: decodes the argument, calls the function, encodes the result.</summary>
    internal abstract void Invoke(ReadOnlySpan<byte> argument, IBufferWriter<byte> result);

    /// <summary>Bytes of every encoded result when that never varies, else null (results then travel length-prefixed).</summary>
    internal abstract int? ResultSize { get; }
}

/// <summary>A <see cref="WorkerTask"/> that maps a <typeparamref name="TArg"/> to a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TArg">The argument type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
public sealed class WorkerTask<TArg, TResult> : WorkerTask
{
    private readonly Func<TArg, TResult> _function;

    /// <summary>Declares a task.</summary>
    /// <param name="name">Unique name within the registry.</param>
    /// <param name="function">The work; runs only in worker processes.</param>
    /// <param name="timeout">Per-invocation timeout; null uses the pool's.</param>
    /// <param name="argumentCodec">Codec for the argument; null uses <see cref="PayloadCodec.Default{T}"/>.</param>
    /// <param name="resultCodec">Codec for the result; null uses <see cref="PayloadCodec.Default{T}"/>.</param>
    public WorkerTask(
        string name,
        Func<TArg, TResult> function,
        TimeSpan? timeout = null,
        PayloadCodec<TArg>? argumentCodec = null,
        PayloadCodec<TResult>? resultCodec = null)
        : base(name, timeout)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
        ArgumentCodec = argumentCodec ?? PayloadCodec.Default<TArg>();
        ResultCodec = resultCodec ?? PayloadCodec.Default<TResult>();
    }

    /// <summary>The codec for arguments.</summary>
    public PayloadCodec<TArg> ArgumentCodec { get; }

    /// <summary>The codec for results.</summary>
    public PayloadCodec<TResult> ResultCodec { get; }

    internal override int? ResultSize => ResultCodec.FixedSize;

    internal override void Invoke(ReadOnlySpan<byte> argument, IBufferWriter<byte> result) =>
        ResultCodec.Write(_function(ArgumentCodec.Read(argument)), result);

    /// <summary>An encoded argument as text for an error message, or null when it has no readable form.</summary>
    internal string? DescribeArgument(ReadOnlySpan<byte> encoded)
    {
        const int longest = 200;
        try
        {
            var value = ArgumentCodec.Read(encoded);
            var text = value?.ToString();
            if (text is null || value is null || text == value.GetType().ToString())
            {
                return null; // object.ToString: only the type's name
            }

            return value is string ? Shorten('"' + text + '"', longest) : Shorten(text, longest);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }

        static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
