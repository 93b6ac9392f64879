using System.Runtime.ExceptionServices;

namespace Interop.Runtime.Scopes;

/// <summary>
/// The one rule every scope in this folder follows for surfacing failures: nothing is lost. One error is
/// rethrown as is (its original stack trace kept); several become an <see cref="AggregateException"/>
/// in the order they were raised.
/// </summary>
internal static class CleanupErrors
{
    /// <summary>Records <paramref name="error"/> in <paramref name="errors"/>, creating the list on first use.</summary>
    public static void Add(ref List<Exception>? errors, Exception error) => (errors ??= []).Add(error);

    /// <summary>Throws what <paramref name="errors"/> holds, if anything.</summary>
    public static void ThrowIfAny(List<Exception>? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return;
        }

        if (errors.Count == 1)
        {
            ExceptionDispatchInfo.Throw(errors[0]);
        }

        throw new AggregateException(errors);
    }

    /// <summary>
    /// Throws the failure of a body together with the failures of the clean-up that followed it: the body's
    /// exception as is when the clean-up succeeded, otherwise one <see cref="AggregateException"/> holding
    /// the body's exception first, then the clean-up errors in the order they were raised.
    /// </summary>
    public static Exception BodyFailed(Exception body, List<Exception>? cleanup)
    {
        if (cleanup is null || cleanup.Count == 0)
        {
            ExceptionDispatchInfo.Throw(body);
        }

        var all = new List<Exception>(cleanup.Count + 1) { body };
        all.AddRange(cleanup);
        throw new AggregateException(all);
    }
}
