using System.Runtime.ExceptionServices;

namespace Interop.Runtime.Scopes;

/// <summary>
/// The one rule every scope in this folder follows for surfacing failures: Python's exit chaining, with nothing lost.
/// </summary>
/// <remarks>
/// <para>
/// The exceptions still pending are kept in the order they were raised; the last one is the one Python would be
/// raising, the ones before it its <c>__context__</c> chain. An exit callback sees the last one (or null) and may
/// suppress it, which drops the whole chain, as Python does. An exit that throws adds its exception to the chain,
/// unless it carries the pending ones as inner exceptions already (<c>throw new X("...", e)</c>) or is one of them
/// rethrown: then it replaces what it carries.
/// </para>
/// <para>
/// When the scope ends, one pending exception is rethrown as is (its original stack trace kept); several become one
/// <see cref="AggregateException"/> in the order they were raised, so a clean-up failure never hides the body's.
/// </para>
/// </remarks>
internal static class CleanupErrors
{
    /// <summary>The exception an exit callback sees: the last one raised and not suppressed, or null.</summary>
    public static Exception? Current(List<Exception>? pending) => pending is { Count: > 0 } ? pending[^1] : null;

    /// <summary>Records <paramref name="error"/>, raised while <paramref name="pending"/> was being handled.</summary>
    public static void Add(ref List<Exception>? pending, Exception error)
    {
        pending ??= [];
        pending.RemoveAll(earlier => Carries(error, earlier));
        pending.Add(error);
    }

    /// <summary>An exit suppressed what was pending: later exits see no exception, and none surfaces.</summary>
    public static void Suppress(List<Exception>? pending) => pending?.Clear();

    /// <summary>Throws what <paramref name="pending"/> holds, if anything.</summary>
    public static void ThrowIfAny(List<Exception>? pending)
    {
        if (pending is null || pending.Count == 0)
        {
            return;
        }

        if (pending.Count == 1)
        {
            ExceptionDispatchInfo.Throw(pending[0]);
        }

        throw new AggregateException(pending);
    }

    /// <summary>
    /// Throws for a scope whose own code threw <paramref name="error"/> after its body failed with
    /// <paramref name="body"/>: <paramref name="error"/> alone when it is the body's exception or carries it, otherwise both.
    /// </summary>
    public static void ThrowAfterBody(Exception body, Exception error)
    {
        var pending = Started(body);
        Add(ref pending, error);
        ThrowIfAny(pending);
    }

    /// <summary>The chain a scope starts with when its body failed with <paramref name="body"/> (null when it succeeded).</summary>
    public static List<Exception>? Started(Exception? body) => body is null ? null : [body];

    /// <summary>True when <paramref name="error"/> is <paramref name="earlier"/> or holds it among its inner exceptions.</summary>
    private static bool Carries(Exception error, Exception earlier)
    {
        if (ReferenceEquals(error, earlier))
        {
            return true;
        }

        // Raising part of a group replaces the group, as Python's suppress does with the rest of an ExceptionGroup.
        if (earlier is AggregateException group && group.InnerExceptions.Any(inner => Carries(error, inner)))
        {
            return true;
        }

        if (error is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions)
            {
                if (Carries(inner, earlier))
                {
                    return true;
                }
            }

            return false;
        }

        return error.InnerException is { } cause && Carries(cause, earlier);
    }
}
