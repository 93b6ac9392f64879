namespace Interop.Runtime.Scopes;

/// <summary>
/// A scope made by <see cref="Scope.FromIterator{T}"/>: its setup has run; disposing it runs the teardown.
/// </summary>
/// <typeparam name="T">What the iterator yielded.</typeparam>
public sealed class Scope<T> : IDisposable
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
    /// <c>finally</c>). Disposing twice does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The iterator yielded a second time; its <c>finally</c> blocks still ran.</exception>
    public void Dispose()
    {
        var iterator = _iterator;
        if (iterator is null)
        {
            return;
        }

        _iterator = null;
        bool yieldedAgain;
        using (iterator)
        {
            yieldedAgain = iterator.MoveNext();
        }

        if (yieldedAgain)
        {
            throw new InvalidOperationException(IteratorScopeMessages.YieldedTwice);
        }
    }
}
