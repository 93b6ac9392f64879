namespace Interop.Runtime.Mocking;

/// <summary>
/// An ambient service that a test can replace for the code it runs, and only that code: the counterpart of
/// <c>unittest.mock.patch</c> used as a context manager, but safe when tests run in parallel.
/// </summary>
/// <remarks>
/// <para>
/// <c>using (ambient.Use(fake)) { ... }</c> makes <see cref="Current"/> return the fake in the current async flow:
/// the body, the code it awaits, and tasks it starts (<c>Task.Run</c>, thread-pool work) while the scope is open.
/// Other flows, such as another test running in parallel, keep seeing their own value. Disposing the scope restores
/// the previous value; scopes nest and must be disposed in reverse order.
/// </para>
/// <para>
/// Open a scope in the method that uses it (or in a synchronous helper it calls). An <c>async</c> method's changes to
/// the flow do not reach its caller, so a scope opened inside an awaited helper ends, for the caller, when that
/// helper returns.
/// </para>
/// <para>
/// An override is visible only while its scope is open: work started inside the scope that outlives it sees the
/// value that was current before the scope was opened.
/// </para>
/// </remarks>
/// <typeparam name="TService">The overridable service, usually a generated library interface.</typeparam>
public sealed class AmbientOverride<TService> where TService : class
{
    private readonly AsyncLocal<OverrideScope?> _innermost = new();

    // Scopes open anywhere in the process. While it is zero, Current skips the AsyncLocal read: that is the
    // production case, where nothing is ever overridden.
    private int _openScopes;

    /// <summary>Creates an accessor that returns <paramref name="defaultService"/> until overridden.</summary>
    /// <param name="defaultService">The real service, e.g. the generated default implementation's <c>Instance</c>.</param>
    public AmbientOverride(TService defaultService)
    {
        ArgumentNullException.ThrowIfNull(defaultService);
        Default = defaultService;
    }

    /// <summary>The service seen where no override is open.</summary>
    public TService Default { get; }

    /// <summary>The innermost open override in the current async flow, or <see cref="Default"/>.</summary>
    public TService Current
    {
        get
        {
            if (Volatile.Read(ref _openScopes) == 0)
            {
                return Default;
            }

            var scope = _innermost.Value;
            return scope is { IsOpen: true } ? scope.Replacement : Resolve(scope);
        }
    }

    /// <summary>
    /// Makes <see cref="Current"/> return <paramref name="replacement"/> in the current async flow until the returned
    /// scope is disposed.
    /// </summary>
    /// <param name="replacement">The fake (a Moq <c>Object</c>, an NSubstitute substitute, a hand-written stub).</param>
    /// <returns>The scope; dispose it to restore the previous value. Disposing it twice does nothing.</returns>
    public IDisposable Use(TService replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var scope = new OverrideScope(this, replacement, _innermost.Value);
        Interlocked.Increment(ref _openScopes);
        _innermost.Value = scope;
        return scope;
    }

    // The slow path: the flow's innermost scope was closed elsewhere (work outliving its scope), so find the
    // nearest enclosing one still open.
    private TService Resolve(OverrideScope? scope)
    {
        while (scope is { IsOpen: false })
        {
            scope = scope.Enclosing;
        }

        return scope?.Replacement ?? Default;
    }

    /// <summary>One <see cref="Use"/>: a link in the flow's chain of overrides.</summary>
    private sealed class OverrideScope(AmbientOverride<TService> owner, TService replacement, OverrideScope? enclosing) : IDisposable
    {
        private int _open = 1;

        public TService Replacement { get; } = replacement;

        public OverrideScope? Enclosing { get; } = enclosing;

        public bool IsOpen => Volatile.Read(ref _open) == 1;

        public void Dispose()
        {
            if (!IsOpen)
            {
                return;
            }

            var innermost = owner._innermost.Value;
            var (inThisFlow, openInside) = Locate(innermost);
            if (openInside)
            {
                throw new InvalidOperationException(
                    $"An override of {typeof(TService).Name} was disposed while an override opened after it (inside it) is still open. " +
                    "Dispose override scopes in reverse order of Use (nest them with using).");
            }

            if (Interlocked.Exchange(ref _open, 0) == 0)
            {
                return;
            }

            Interlocked.Decrement(ref owner._openScopes);

            // Restore the enclosing value in this flow. Disposed from another flow, where this scope is not in the
            // chain, the closed flag alone hides it everywhere.
            if (inThisFlow)
            {
                owner._innermost.Value = Enclosing;
            }
        }

        // Whether this scope is in the chain ending at innermost, and whether an open scope lies inside it there.
        private (bool InChain, bool OpenInside) Locate(OverrideScope? innermost)
        {
            var openInside = false;
            for (var scope = innermost; scope is not null; scope = scope.Enclosing)
            {
                if (scope == this)
                {
                    return (true, openInside);
                }

                openInside |= scope.IsOpen;
            }

            return (false, false);
        }
    }
}
