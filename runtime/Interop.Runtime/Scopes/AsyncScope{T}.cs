namespace Interop.Runtime.Scopes;

/// <summary>
/// A scope made by <see cref="Scope.FromAsyncIterator{T}"/>: its setup has run; disposing it runs the teardown.
/// </summary>
/// <typeparam name="T">What the iterator yielded.</typeparam>
public sealed class AsyncScope<T> : IAsyncDisposable
{
    private IAsyncEnumerator<T>? _iterator;

    internal AsyncScope(IAsyncEnumerator<T> iterator)
    {
        _iterator = iterator;
        Value = iterator.Current;
    }

    /// <summary>The value the iterator yielded: the <c>as</c> target of Python's <c>async with ... as value</c>.</summary>
    public T Value { get; }

    /// <summary>
    /// Resumes the iterator after its <c>yield return</c> and lets it finish, then disposes it (running any pending
    /// <c>finally</c>). Disposing twice does nothing.
    /// </summary>
    /// <returns>Completes when the teardown has.</returns>
    /// <exception cref="InvalidOperationException">The iterator yielded a second time; its <c>finally</c> blocks still ran.</exception>
    public async ValueTask DisposeAsync()
    {
        var iterator = _iterator;
        if (iterator is null)
        {
            return;
        }

        _iterator = null;
        bool yieldedAgain;
        await using (iterator.ConfigureAwait(false))
        {
            yieldedAgain = await iterator.MoveNextAsync().ConfigureAwait(false);
        }

        if (yieldedAgain)
        {
            throw new InvalidOperationException(IteratorScopeMessages.YieldedTwice);
        }
    }
}
