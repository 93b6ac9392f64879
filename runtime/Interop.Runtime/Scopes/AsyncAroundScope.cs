namespace Interop.Runtime.Scopes;

/// <summary>
/// A scope made by <see cref="Scope.AroundAsync{T}"/>: one asynchronous method that does the setup, awaits the body
/// exactly once, and does the teardown, free to catch the body's exception around that call, as a Python
/// <c>@asynccontextmanager</c> generator catches it at its <c>yield</c>. Failures surface as with <see cref="AroundScope{T}"/>.
/// </summary>
/// <typeparam name="T">What the body receives.</typeparam>
public sealed class AsyncAroundScope<T>
{
    private readonly Func<Func<T, ValueTask>, ValueTask> _around;

    internal AsyncAroundScope(Func<Func<T, ValueTask>, ValueTask> around)
    {
        ArgumentNullException.ThrowIfNull(around);
        _around = around;
    }

    /// <summary>Runs the scope's method with <paramref name="body"/> as its body.</summary>
    /// <param name="body">The work, given the value the method passes.</param>
    /// <returns>Completes when the method has.</returns>
    /// <exception cref="InvalidOperationException">The method completed without calling the body, or called it twice.</exception>
    public async ValueTask RunAsync(Func<T, ValueTask> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var calls = 0;
        Exception? failure = null;
        try
        {
            await _around(async value =>
            {
                if (++calls > 1)
                {
                    throw new InvalidOperationException(AroundScopeMessages.CalledTwice);
                }

                try
                {
                    await body(value).ConfigureAwait(false);
                }
                catch (Exception error)
                {
                    failure = error;
                    throw;
                }
            }).ConfigureAwait(false);
        }
        catch (Exception error) when (failure is not null && !ReferenceEquals(error, failure))
        {
            CleanupErrors.ThrowAfterBody(failure, error);
        }

        AroundScopeMessages.ThrowIfMisused(calls);
    }
}

/// <summary>A scope made by <see cref="Scope.AroundAsync(Func{Func{ValueTask}, ValueTask})"/>, whose body receives no value: see <see cref="AsyncAroundScope{T}"/>.</summary>
public sealed class AsyncAroundScope
{
    private readonly AsyncAroundScope<bool> _scope;

    internal AsyncAroundScope(Func<Func<ValueTask>, ValueTask> around)
    {
        ArgumentNullException.ThrowIfNull(around);
        _scope = new AsyncAroundScope<bool>(body => around(() => body(true)));
    }

    /// <summary>Runs the scope's method with <paramref name="body"/> as its body.</summary>
    /// <param name="body">The work.</param>
    /// <returns>Completes when the method has.</returns>
    /// <exception cref="InvalidOperationException">The method completed without calling the body, or called it twice.</exception>
    public ValueTask RunAsync(Func<ValueTask> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return _scope.RunAsync(_ => body());
    }
}
