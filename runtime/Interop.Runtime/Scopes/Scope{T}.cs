namespace Interop.Runtime.Scopes;

/// <summary>
/// A scope made by <see cref="Scope.FromIterator{T}"/>: its setup has run; closing it runs the teardown. Disposed by a
/// plain <c>using</c>, it cannot know whether the body failed, so it resumes the iterator after its <c>yield return</c>
/// in both cases: code placed after the <c>yield</c> (a "commit") runs even after a failed body. Run it with
/// <see cref="Scope.Run{T}(IEnumerable{T}, Action{T})"/> or enter it into <see cref="ExitStack.Run(Action{ExitStack})"/>
/// to get Python's behaviour, where a failed body skips that code and only <c>finally</c> blocks run.
/// </summary>
/// <typeparam name="T">What the iterator yielded.</typeparam>
public sealed class Scope<T> : IDisposable, IExitAware
{
    private IEnumerator<T>? _iterator;

    internal Scope(IEnumerator<T> iterator)
    {
        _iterator = iterator;
        Value = iterator.Current;
    }

    /// <summary>The value the iterator yielded: the <c>as</c> target of Python's <c>with ... as value</c>.</summary>
    public T Value { get; }

    /// <summary>
    /// Resumes the iterator after its <c>yield return</c> and lets it finish, then disposes it (running any pending
    /// <c>finally</c>), whether or not the body failed: see the summary of <see cref="Scope{T}"/>. Disposing twice does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The iterator yielded a second time; its <c>finally</c> blocks still ran.</exception>
    public void Dispose() => Exit(null);

    /// <summary>
    /// On success, as <see cref="Dispose"/>; after a failed body, disposes the iterator without resuming it, so only its
    /// <c>finally</c> blocks run, as when Python's <c>generator.throw</c> raises at the <c>yield</c>.
    /// </summary>
    void IExitAware.Exit(Exception? exception) => Exit(exception);

    private void Exit(Exception? exception)
    {
        var iterator = _iterator;
        if (iterator is null)
        {
            return;
        }

        _iterator = null;
        var yieldedAgain = false;
        using (iterator)
        {
            if (exception is null)
            {
                yieldedAgain = iterator.MoveNext();
            }
        }

        if (yieldedAgain)
        {
            throw new InvalidOperationException(IteratorScopeMessages.YieldedTwice);
        }
    }
}
