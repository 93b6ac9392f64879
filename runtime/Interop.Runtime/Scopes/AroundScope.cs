namespace Interop.Runtime.Scopes;

/// <summary>
/// A scope made by <see cref="Scope.Around{T}"/>: one method that does the setup, calls the body exactly once, and does
/// the teardown, free to catch the body's exception around that call, as a Python <c>@contextmanager</c> generator
/// catches it at its <c>yield</c>. Reusable: each <see cref="Run"/> runs the method again.
/// </summary>
/// <remarks>
/// If the method catches the body's exception and returns, the exception is suppressed and <see cref="Run"/> returns
/// normally. If it throws another exception, both surface as one <see cref="AggregateException"/> (the body's first),
/// the rule of every scope here, unless the new one carries the body's as its inner exception
/// (<c>throw new X("...", e)</c>, Python's <c>raise X from e</c>): then it surfaces alone.
/// </remarks>
/// <typeparam name="T">What the body receives.</typeparam>
public sealed class AroundScope<T>
{
    private readonly Action<Action<T>> _around;

    internal AroundScope(Action<Action<T>> around)
    {
        ArgumentNullException.ThrowIfNull(around);
        _around = around;
    }

    /// <summary>Runs the scope's method with <paramref name="body"/> as its body.</summary>
    /// <param name="body">The work, given the value the method passes.</param>
    /// <exception cref="InvalidOperationException">The method returned without calling the body, or called it twice.</exception>
    public void Run(Action<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var calls = 0;
        Exception? failure = null;
        try
        {
            _around(value =>
            {
                if (++calls > 1)
                {
                    throw new InvalidOperationException(AroundScopeMessages.CalledTwice);
                }

                try
                {
                    body(value);
                }
                catch (Exception error)
                {
                    failure = error;
                    throw;
                }
            });
        }
        catch (Exception error) when (failure is not null && !ReferenceEquals(error, failure))
        {
            CleanupErrors.ThrowAfterBody(failure, error);
        }

        AroundScopeMessages.ThrowIfMisused(calls);
    }
}

/// <summary>A scope made by <see cref="Scope.Around(Action{Action})"/>, whose body receives no value: see <see cref="AroundScope{T}"/>.</summary>
public sealed class AroundScope
{
    private readonly AroundScope<bool> _scope;

    internal AroundScope(Action<Action> around)
    {
        ArgumentNullException.ThrowIfNull(around);
        _scope = new AroundScope<bool>(body => around(() => body(true)));
    }

    /// <summary>Runs the scope's method with <paramref name="body"/> as its body.</summary>
    /// <param name="body">The work.</param>
    /// <exception cref="InvalidOperationException">The method returned without calling the body, or called it twice.</exception>
    public void Run(Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        _scope.Run(_ => body());
    }
}

/// <summary>The misuse errors of around scopes, worded after Python's <c>@contextmanager</c> errors, shared by the sync and async kinds.</summary>
internal static class AroundScopeMessages
{
    public const string DidNotCall = "The scope's method returned without calling its body (Python: \"generator didn't yield\"): an around scope must call the body it is given exactly once.";

    public const string CalledTwice = "The scope's method called its body a second time (Python: \"generator didn't stop\"): an around scope must call the body it is given exactly once.";

    public static void ThrowIfMisused(int calls)
    {
        if (calls == 0)
        {
            throw new InvalidOperationException(DidNotCall);
        }

        if (calls > 1)
        {
            throw new InvalidOperationException(CalledTwice);
        }
    }
}
