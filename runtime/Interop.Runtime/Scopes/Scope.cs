namespace Interop.Runtime.Scopes;

/// <summary>
/// Makes scopes the way Python's <c>contextlib</c> does: <see cref="Around{T}"/> is the counterpart of
/// <c>@contextmanager</c> that can catch the body's exception at its yield point, <see cref="Run{T}(IEnumerable{T}, Action{T})"/>
/// runs an iterator-method scope with Python's rules, and <see cref="Suppress{TException}()"/> is <c>contextlib.suppress</c>.
/// </summary>
/// <remarks>
/// <para>The around form: setup, body and teardown in one method, with try/catch around the body.</para>
/// <code>
/// static AroundScope&lt;Connection&gt; Transaction(string url) => Scope.Around&lt;Connection&gt;(body =>
/// {
///     var connection = Connection.Open(url);              // setup
///     try
///     {
///         body(connection);                               // Python's yield
///         connection.Commit();                            // only after a body that succeeded
///     }
///     catch (TimeoutException)
///     {
///         connection.Rollback();                          // returning suppresses the body's exception
///     }
///     finally
///     {
///         connection.Close();                             // teardown, always
///     }
/// });
///
/// Transaction("db").Run(connection => connection.Execute("update ..."));
/// </code>
/// <para>The iterator form: setup before the single <c>yield return</c>, teardown in a <c>finally</c> around it.</para>
/// <code>
/// static IEnumerable&lt;Stopwatch&gt; Timer(string name)
/// {
///     Console.WriteLine($"Timer '{name}' started...");
///     var watch = Stopwatch.StartNew();
///     try { yield return watch; }
///     finally { Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Timer '{name}' finished in {watch.Elapsed.TotalSeconds:F2}s")); }
/// }
///
/// Scope.Run(Timer("MyProcess"), watch => Console.WriteLine("Doing work..."));
/// </code>
/// <para>
/// C# forbids <c>yield return</c> inside a <c>try</c> with a <c>catch</c>, so an iterator cannot catch the body's
/// exception; use <see cref="Around{T}"/> for that. <see cref="Run{T}(IEnumerable{T}, Action{T})"/> (and an
/// <see cref="ExitStack"/> run with <see cref="ExitStack.Run(Action{ExitStack})"/>) skips the code after the
/// <c>yield</c> when the body failed, as Python does, running only the pending <c>finally</c> blocks. A scope from
/// <see cref="FromIterator{T}"/> disposed by a plain <c>using</c> cannot know the body failed and resumes the code
/// after the <c>yield</c> in both cases: keep teardown in <c>finally</c> there, and nothing that must not run after
/// a failure.
/// </para>
/// </remarks>
public static class Scope
{
    /// <summary>
    /// A scope written as one method, Python's <c>@contextmanager</c> with try/except around its <c>yield</c>:
    /// <paramref name="around"/> does the setup, calls the body it is given exactly once with the value the body
    /// should see, and does the teardown; it may catch the body's exception and handle or suppress it.
    /// </summary>
    /// <typeparam name="T">What the body receives: the <c>as</c> target of Python's <c>with ... as value</c>.</typeparam>
    /// <param name="around">Setup, a call to the body, teardown.</param>
    /// <returns>The scope; run a body in it with <see cref="AroundScope{T}.Run"/>, as often as needed.</returns>
    public static AroundScope<T> Around<T>(Action<Action<T>> around) => new(around);

    /// <summary>A scope written as one method whose body receives no value: see <see cref="Around{T}"/>.</summary>
    /// <param name="around">Setup, a call to the body, teardown.</param>
    /// <returns>The scope; run a body in it with <see cref="AroundScope.Run"/>.</returns>
    public static AroundScope Around(Action<Action> around) => new(around);

    /// <summary>
    /// The asynchronous <see cref="Around{T}"/>, Python's <c>@asynccontextmanager</c>: <paramref name="around"/>
    /// awaits the body it is given exactly once, with try/catch/finally around it as needed.
    /// </summary>
    /// <typeparam name="T">What the body receives.</typeparam>
    /// <param name="around">Setup, an awaited call to the body, teardown.</param>
    /// <returns>The scope; run a body in it with <see cref="AsyncAroundScope{T}.RunAsync"/>.</returns>
    public static AsyncAroundScope<T> AroundAsync<T>(Func<Func<T, ValueTask>, ValueTask> around) => new(around);

    /// <summary>The asynchronous <see cref="Around(Action{Action})"/>: see <see cref="AroundAsync{T}"/>.</summary>
    /// <param name="around">Setup, an awaited call to the body, teardown.</param>
    /// <returns>The scope; run a body in it with <see cref="AsyncAroundScope.RunAsync"/>.</returns>
    public static AsyncAroundScope AroundAsync(Func<Func<ValueTask>, ValueTask> around) => new(around);

    /// <summary>
    /// Runs <paramref name="body"/> inside the scope an iterator method describes, as Python's
    /// <c>with contextmanager_function() as value:</c> does: setup up to the <c>yield return</c>, then the body; after
    /// a body that succeeded the code after the <c>yield</c> runs, after one that failed only the pending
    /// <c>finally</c> blocks run, and the body's exception surfaces (with the teardown's, if that threw too).
    /// </summary>
    /// <typeparam name="T">What the iterator yields to the body.</typeparam>
    /// <param name="iterator">An iterator that yields exactly once.</param>
    /// <param name="body">The work, given the yielded value.</param>
    /// <exception cref="InvalidOperationException">The iterator did not yield, or yielded twice.</exception>
    public static void Run<T>(IEnumerable<T> iterator, Action<T> body)
    {
        ArgumentNullException.ThrowIfNull(iterator);
        ArgumentNullException.ThrowIfNull(body);
        ExitStack.Run(stack => body(stack.Enter(FromIterator(iterator)).Value));
    }

    /// <summary>The asynchronous <see cref="Run{T}(IEnumerable{T}, Action{T})"/>, Python's <c>async with</c> on an <c>@asynccontextmanager</c>.</summary>
    /// <typeparam name="T">What the iterator yields to the body.</typeparam>
    /// <param name="iterator">An async iterator that yields exactly once.</param>
    /// <param name="body">The work, given the yielded value.</param>
    /// <param name="cancellationToken">Passed to the iterator (see <c>[EnumeratorCancellation]</c>).</param>
    /// <returns>Completes when the body and the teardown have.</returns>
    /// <exception cref="InvalidOperationException">The iterator did not yield, or yielded twice.</exception>
    public static ValueTask RunAsync<T>(IAsyncEnumerable<T> iterator, Func<T, ValueTask> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(iterator);
        ArgumentNullException.ThrowIfNull(body);
        return AsyncExitStack.RunAsync(async stack => await body(stack.EnterAsync(await FromAsyncIterator(iterator, cancellationToken).ConfigureAwait(false)).Value).ConfigureAwait(false));
    }

    /// <summary>
    /// An exit callback that suppresses <typeparamref name="TException"/> and its subtypes, Python's
    /// <c>contextlib.suppress</c>, for <see cref="ExitStack.Push"/> and <see cref="AsyncExitStack.Push"/>. An
    /// <see cref="AggregateException"/> (Python's exception group) is suppressed when all it holds matches; otherwise
    /// what does not match is rethrown as a new <see cref="AggregateException"/>, as Python 3.12 raises the rest of a group.
    /// </summary>
    /// <typeparam name="TException">The exceptions to ignore.</typeparam>
    /// <returns>The exit callback.</returns>
    public static Func<Exception?, bool> Suppress<TException>() where TException : Exception =>
        static exception => exception switch
        {
            null => false,
            TException => true,
            AggregateException group => SuppressInGroup<TException>(group),
            _ => false,
        };

    /// <summary>
    /// Runs <paramref name="body"/> and ignores <typeparamref name="TException"/> if it throws one, Python's
    /// <c>with suppress(FileNotFoundError): os.remove(path)</c>; see <see cref="Suppress{TException}()"/>.
    /// </summary>
    /// <typeparam name="TException">The exceptions to ignore.</typeparam>
    /// <param name="body">The work.</param>
    public static void Suppress<TException>(Action body) where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(body);
        ExitStack.Run(stack =>
        {
            stack.Push(Suppress<TException>());
            body();
        });
    }

    /// <summary>
    /// Runs <paramref name="iterator"/> up to its first <c>yield return</c> (the setup) and returns a scope whose
    /// disposal runs the rest (the teardown). Under a plain <c>using</c> the code after the <c>yield</c> runs even when
    /// the body failed (see <see cref="Scope{T}"/>); <see cref="Run{T}(IEnumerable{T}, Action{T})"/> skips it.
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
    /// asynchronous disposal runs the rest (the teardown). Under a plain <c>await using</c> the code after the
    /// <c>yield</c> runs even when the body failed (see <see cref="AsyncScope{T}"/>);
    /// <see cref="RunAsync{T}(IAsyncEnumerable{T}, Func{T, ValueTask}, CancellationToken)"/> skips it.
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

    private static bool SuppressInGroup<TException>(AggregateException group) where TException : Exception
    {
        var rest = Unmatched<TException>(group);
        if (rest is null)
        {
            return true;
        }

        // Nothing matched: leave the group pending as it is rather than rethrowing it.
        return ReferenceEquals(rest, group) ? false : throw rest;
    }

    /// <summary>What of <paramref name="group"/> is not a <typeparamref name="TException"/>, nested groups split too; null when nothing is left.</summary>
    private static AggregateException? Unmatched<TException>(AggregateException group) where TException : Exception
    {
        var rest = new List<Exception>();
        foreach (var inner in group.InnerExceptions)
        {
            switch (inner)
            {
                case TException:
                    break;
                case AggregateException nested when Unmatched<TException>(nested) is { } nestedRest:
                    rest.Add(nestedRest);
                    break;
                case AggregateException:
                    break;
                default:
                    rest.Add(inner);
                    break;
            }
        }

        return rest.Count == 0 ? null : rest.Count == group.InnerExceptions.Count && rest.SequenceEqual(group.InnerExceptions) ? group : new AggregateException(group.Message, rest);
    }
}
