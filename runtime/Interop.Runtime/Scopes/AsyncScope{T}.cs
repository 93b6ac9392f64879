namespace Interop.Runtime.Scopes;

/// <summary>
/// A scope made by <see cref="Scope.FromAsyncIterator{T}"/>: its setup has run; closing it runs the teardown. Disposed
/// by a plain <c>await using</c>, it cannot know whether the body failed, so it resumes the iterator after its
/// <c>yield return</c> in both cases: code placed after the <c>yield</c> runs even after a failed body. Run it with
/// <see cref="Scope.RunAsync{T}(IAsyncEnumerable{T}, Func{T, ValueTask}, CancellationToken)"/> or enter it into
/// <see cref="AsyncExitStack.RunAsync(Func{AsyncExitStack, ValueTask})"/> to get Python's behaviour, where a failed
/// body skips that code and only <c>finally</c> blocks run.
/// </summary>
/// <typeparam name="T">What the iterator yielded.</typeparam>
public sealed class AsyncScope<T> : IAsyncDisposable, IAsyncExitAware
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
    /// <c>finally</c>), whether or not the body failed: see the summary of <see cref="AsyncScope{T}"/>. Disposing twice does nothing.
    /// </summary>
    /// <returns>Completes when the teardown has.</returns>
    /// <exception cref="InvalidOperationException">The iterator yielded a second time; its <c>finally</c> blocks still ran.</exception>
    public ValueTask DisposeAsync() => ExitAsync(null);

    /// <summary>On success, as <see cref="DisposeAsync"/>; after a failed body, disposes the iterator without resuming it.</summary>
    ValueTask IAsyncExitAware.ExitAsync(Exception? exception) => ExitAsync(exception);

    private async ValueTask ExitAsync(Exception? exception)
    {
        var iterator = _iterator;
        if (iterator is null)
        {
            return;
        }

        _iterator = null;
        var yieldedAgain = false;
        await using (iterator.ConfigureAwait(false))
        {
            if (exception is null)
            {
                yieldedAgain = await iterator.MoveNextAsync().ConfigureAwait(false);
            }
        }

        if (yieldedAgain)
        {
            throw new InvalidOperationException(IteratorScopeMessages.YieldedTwice);
        }
    }
}
