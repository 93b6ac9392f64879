namespace Interop.Runtime.Scopes;

/// <summary>
/// Makes scopes from iterator methods: the counterpart of Python's <c>@contextlib.contextmanager</c>. Setup goes
/// before the single <c>yield return</c>, whose value the <c>using</c> body sees as <c>Value</c>; teardown goes in a
/// <c>finally</c> around it.
/// </summary>
/// <remarks>
/// <code>
/// static IEnumerable&lt;Stopwatch&gt; Timer(string name)
/// {
///     Console.WriteLine($"Timer '{name}' started...");
///     var watch = Stopwatch.StartNew();
///     try { yield return watch; }
///     finally { Console.WriteLine($"Timer '{name}' finished in {watch.Elapsed.TotalSeconds:F2}s"); }
/// }
///
/// using (Scope.FromIterator(Timer("MyProcess"))) { Console.WriteLine("Doing work..."); }
/// </code>
/// <para>
/// A C# iterator cannot receive the body's exception the way Python's <c>generator.throw</c> delivers it at the
/// <c>yield</c>. Disposing the scope resumes the iterator after its <c>yield return</c> whether the body succeeded or
/// not, and then disposes the enumerator, which runs any <c>finally</c> still pending. So teardown runs in both cases;
/// put it in <c>finally</c> to make that visible, and do not rely on code after the <c>yield</c> being skipped on failure.
/// </para>
/// </remarks>
public static class Scope
{
    /// <summary>
    /// Runs <paramref name="iterator"/> up to its first <c>yield return</c> (the setup) and returns a scope whose
    /// disposal runs the rest (the teardown).
    /// </summary>
    /// <typeparam name="T">What the iterator yields to the body.</typeparam>
    /// <param name="iterator">An iterator that yields exactly once.</param>
    /// <returns>The entered scope.</returns>
    /// <exception cref="InvalidOperationException">The iterator ended without yielding.</exception>
    public static Scope<T> FromIterator<T>(IEnumerable<T> iterator)
    {
        ArgumentNullException.ThrowIfNull(iterator);
        var enumerator = iterator.GetEnumerator();
        try
        {
            if (!enumerator.MoveNext())
            {
                throw new InvalidOperationException(IteratorScopeMessages.DidNotYield);
            }
        }
        catch
        {
            enumerator.Dispose();
            throw;
        }

        return new Scope<T>(enumerator);
    }

    /// <summary>
    /// Runs <paramref name="iterator"/> up to its first <c>yield return</c> (the setup) and returns a scope whose
    /// asynchronous disposal runs the rest (the teardown).
    /// </summary>
    /// <typeparam name="T">What the iterator yields to the body.</typeparam>
    /// <param name="iterator">An async iterator that yields exactly once.</param>
    /// <param name="cancellationToken">Passed to the iterator (see <c>[EnumeratorCancellation]</c>).</param>
    /// <returns>The entered scope, once the setup has completed.</returns>
    /// <exception cref="InvalidOperationException">The iterator ended without yielding.</exception>
    public static async ValueTask<AsyncScope<T>> FromAsyncIterator<T>(IAsyncEnumerable<T> iterator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(iterator);
        var enumerator = iterator.GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException(IteratorScopeMessages.DidNotYield);
            }
        }
        catch
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new AsyncScope<T>(enumerator);
    }
}
