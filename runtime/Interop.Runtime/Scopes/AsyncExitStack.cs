namespace Interop.Runtime.Scopes;

/// <summary>
/// The asynchronous <see cref="ExitStack"/>: owns resources and callbacks, synchronous and asynchronous alike, and
/// releases them in reverse order: the counterpart of Python's <c>contextlib.AsyncExitStack</c>. Use it through
/// <see cref="RunAsync(Func{AsyncExitStack, ValueTask})"/>, which hands the body's exception to the exit callbacks and
/// never loses it; a plain <c>await using var stack = new AsyncExitStack()</c> cannot do either, because C# gives
/// <see cref="DisposeAsync"/> no access to the body's exception: its exit callbacks see <see langword="null"/>, and a
/// clean-up that throws replaces the body's exception.
/// </summary>
/// <remarks>
/// <code>
/// await AsyncExitStack.RunAsync(async stack =>
/// {
///     var connection = stack.EnterAsync(await Connection.OpenAsync(url));
///     stack.PushAsync(async exception => { if (exception is not null) await connection.RollbackAsync(); return false; });
///     await connection.ExecuteAsync(command);
/// });
/// </code>
/// <para>
/// The <c>Async</c> suffix on <see cref="EnterAsync{T}"/> and <see cref="CallbackAsync"/> names the kind of clean-up
/// being registered (awaited at disposal), as in Python's <c>enter_async_context</c>; registering is immediate.
/// </para>
/// <para>
/// Failures chain as with <see cref="ExitStack"/> (Python's rules): every clean-up runs, an exit callback sees the
/// exception left by the clean-ups before it and may suppress it, one error is rethrown as is, several become an
/// <see cref="AggregateException"/> in the order raised.
/// Disposing twice does nothing. Not thread-safe.
/// </para>
/// </remarks>
public sealed class AsyncExitStack : IAsyncDisposable
{
    private List<Cleanup> _cleanups = [];
    private bool _disposed;

    /// <summary>
    /// Takes ownership of a resource released with <see cref="IDisposable.Dispose"/>. Entering into a disposed stack
    /// disposes the resource at once and throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <typeparam name="T">The resource's type.</typeparam>
    /// <param name="resource">The resource to release later.</param>
    /// <returns><paramref name="resource"/>.</returns>
    public T Enter<T>(T resource) where T : IDisposable
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_disposed)
        {
            throw DisposedAfterReleasing(resource.Dispose);
        }

        _cleanups.Add(new Cleanup(resource, CleanupKind.Disposable));
        return resource;
    }

    /// <summary>
    /// Takes ownership of a resource released with <see cref="IAsyncDisposable.DisposeAsync"/>. Entering into a
    /// disposed stack disposes the resource at once and throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <typeparam name="T">The resource's type.</typeparam>
    /// <param name="resource">The resource to release later.</param>
    /// <returns><paramref name="resource"/>.</returns>
    public T EnterAsync<T>(T resource) where T : IAsyncDisposable
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_disposed)
        {
            // Waited synchronously: registering is synchronous, and this is only the misuse path.
            throw DisposedAfterReleasing(() => resource.DisposeAsync().AsTask().GetAwaiter().GetResult());
        }

        _cleanups.Add(new Cleanup(resource, CleanupKind.AsyncDisposable));
        return resource;
    }

    /// <summary>
    /// Creates and enters one synchronously disposed resource per factory, in order. If the n-th factory throws,
    /// the n−1 already created stay owned by the stack and are released when it is disposed.
    /// </summary>
    /// <typeparam name="T">The resources' type.</typeparam>
    /// <param name="factories">Each creates one resource.</param>
    /// <returns>The resources, in the order they were created.</returns>
    public IReadOnlyList<T> EnterAll<T>(IEnumerable<Func<T>> factories) where T : IDisposable
    {
        ArgumentNullException.ThrowIfNull(factories);
        var entered = new List<T>();
        foreach (var factory in factories)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            entered.Add(Enter(factory()));
        }

        return entered;
    }

    /// <summary>
    /// Creates and enters one asynchronously disposed resource per factory, in order, awaiting each creation. If the
    /// n-th factory throws, the n−1 already created stay owned by the stack and are released when it is disposed.
    /// </summary>
    /// <typeparam name="T">The resources' type.</typeparam>
    /// <param name="factories">Each creates one resource.</param>
    /// <returns>The resources, in the order they were created.</returns>
    public async ValueTask<IReadOnlyList<T>> EnterAllAsync<T>(IEnumerable<Func<ValueTask<T>>> factories) where T : IAsyncDisposable
    {
        ArgumentNullException.ThrowIfNull(factories);
        var entered = new List<T>();
        foreach (var factory in factories)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            entered.Add(EnterAsync(await factory().ConfigureAwait(false)));
        }

        return entered;
    }

    /// <summary>Registers a synchronous clean-up callback, run in LIFO order with everything else.</summary>
    /// <param name="callback">The clean-up action.</param>
    /// <exception cref="ObjectDisposedException">The stack was disposed; the callback does not run.</exception>
    public void Callback(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cleanups.Add(new Cleanup(callback, CleanupKind.Callback));
    }

    /// <summary>Registers an asynchronous clean-up callback, awaited in LIFO order with everything else.</summary>
    /// <param name="callback">The clean-up.</param>
    /// <exception cref="ObjectDisposedException">The stack was disposed; the callback does not run.</exception>
    public void CallbackAsync(Func<ValueTask> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cleanups.Add(new Cleanup(callback, CleanupKind.AsyncCallback));
    }

    /// <summary>
    /// Registers an exit callback, Python's <c>AsyncExitStack.push(exit)</c>: it receives the exception pending when it
    /// runs (<see langword="null"/> when there is none) and returns <see langword="true"/> to suppress it. Under a plain
    /// <c>await using</c> the body's exception is unknown: see the summary of <see cref="AsyncExitStack"/>.
    /// </summary>
    /// <param name="exit">Receives the pending exception; returns whether it handled it.</param>
    /// <exception cref="ObjectDisposedException">The stack was disposed; the callback does not run.</exception>
    public void Push(Func<Exception?, bool> exit)
    {
        ArgumentNullException.ThrowIfNull(exit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cleanups.Add(new Cleanup(exit, CleanupKind.Exit));
    }

    /// <summary>
    /// Registers an asynchronous exit callback, Python's <c>AsyncExitStack.push_async_exit(exit)</c>: as
    /// <see cref="Push"/>, awaited in LIFO order with everything else.
    /// </summary>
    /// <param name="exit">Receives the pending exception; completes with whether it handled it.</param>
    /// <exception cref="ObjectDisposedException">The stack was disposed; the callback does not run.</exception>
    public void PushAsync(Func<Exception?, ValueTask<bool>> exit)
    {
        ArgumentNullException.ThrowIfNull(exit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cleanups.Add(new Cleanup(exit, CleanupKind.AsyncExit));
    }

    /// <summary>Moves everything this stack owns into a new stack and leaves this one empty and usable.</summary>
    /// <returns>A stack that owns what this one owned.</returns>
    public AsyncExitStack PopAll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var owner = new AsyncExitStack { _cleanups = _cleanups };
        _cleanups = [];
        return owner;
    }

    /// <summary>Releases everything in reverse order of entry; every clean-up runs even when some throw.</summary>
    /// <returns>Completes when everything is released.</returns>
    /// <exception cref="AggregateException">More than one clean-up threw; the errors in the order they were raised.</exception>
    /// <remarks>No body exception reaches the exit callbacks from here: see the summary of <see cref="AsyncExitStack"/>.</remarks>
    public async ValueTask DisposeAsync() => CleanupErrors.ThrowIfAny(await CloseAsync(null).ConfigureAwait(false));

    /// <summary>
    /// Runs <paramref name="body"/> with a new stack and closes it afterwards, as Python's
    /// <c>async with AsyncExitStack() as stack:</c> does: the exit callbacks see the body's exception and may suppress
    /// it, and neither the body's exception nor a clean-up's is lost (see <see cref="AsyncExitStack"/>).
    /// </summary>
    /// <param name="body">The work; it enters what it uses into the stack it is given.</param>
    /// <returns>Completes when the body and every clean-up have.</returns>
    public static async ValueTask RunAsync(Func<AsyncExitStack, ValueTask> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await RunAsync<object?>(async stack =>
        {
            await body(stack).ConfigureAwait(false);
            return null;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="body"/> with a new stack and closes it afterwards, as <see cref="RunAsync(Func{AsyncExitStack, ValueTask})"/>,
    /// and returns what the body computed.
    /// </summary>
    /// <typeparam name="T">What the body computes.</typeparam>
    /// <param name="body">The work; it enters what it uses into the stack it is given.</param>
    /// <returns>What <paramref name="body"/> returned; <see langword="default"/> when the body failed and an exit callback suppressed its exception.</returns>
    public static async ValueTask<T> RunAsync<T>(Func<AsyncExitStack, ValueTask<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var stack = new AsyncExitStack();
        T result;
        List<Exception>? pending;
        try
        {
            result = await body(stack).ConfigureAwait(false);
            pending = null;
        }
        catch (Exception failure)
        {
            result = default!;
            pending = CleanupErrors.Started(failure);
        }

        CleanupErrors.ThrowIfAny(await stack.CloseAsync(pending).ConfigureAwait(false));
        return result;
    }

    /// <summary>
    /// Acquires several resources all or nothing: <paramref name="acquire"/> enters them into a new stack; if it throws
    /// halfway, what it had acquired is released (failures surface as with <see cref="RunAsync{T}"/>), otherwise the
    /// returned stack owns all of it.
    /// </summary>
    /// <param name="acquire">Enters the resources.</param>
    /// <returns>The owner of everything acquired; dispose it to release them.</returns>
    public static ValueTask<AsyncExitStack> AllOrNothingAsync(Func<AsyncExitStack, ValueTask> acquire)
    {
        ArgumentNullException.ThrowIfNull(acquire);
        return RunAsync(async stack =>
        {
            await acquire(stack).ConfigureAwait(false);
            return stack.PopAll();
        });
    }

    /// <summary>
    /// Marks the stack disposed and runs every clean-up, chaining their exceptions onto <paramref name="pending"/>
    /// by the rules in <see cref="CleanupErrors"/>; returns what is left pending.
    /// </summary>
    private async ValueTask<List<Exception>?> CloseAsync(List<Exception>? pending)
    {
        if (_disposed)
        {
            return pending;
        }

        _disposed = true;
        var cleanups = _cleanups;
        _cleanups = [];
        for (var i = cleanups.Count - 1; i >= 0; i--)
        {
            try
            {
                if (await cleanups[i].RunAsync(CleanupErrors.Current(pending)).ConfigureAwait(false))
                {
                    CleanupErrors.Suppress(pending);
                }
            }
            catch (Exception error)
            {
                CleanupErrors.Add(ref pending, error);
            }
        }

        return pending;
    }

    private static ObjectDisposedException DisposedAfterReleasing(Action release)
    {
        try
        {
            release();
        }
        catch (Exception error)
        {
            return new ObjectDisposedException($"The {nameof(AsyncExitStack)} was disposed; the resource entered into it was released, and releasing it threw.", error);
        }

        return new ObjectDisposedException(nameof(AsyncExitStack), "The stack was disposed; the resource entered into it was released at once.");
    }

    private enum CleanupKind
    {
        Disposable,
        AsyncDisposable,
        Callback,
        AsyncCallback,
        Exit,
        AsyncExit,
    }

    /// <summary>One registered clean-up; the kind is recorded because a type may be both IDisposable and IAsyncDisposable.</summary>
    private readonly struct Cleanup(object target, CleanupKind kind)
    {
        /// <summary>Runs the clean-up with the pending exception; completes with whether it suppressed it.</summary>
        public async ValueTask<bool> RunAsync(Exception? pending)
        {
            switch (kind)
            {
                case CleanupKind.Exit:
                    return ((Func<Exception?, bool>)target).Invoke(pending);
                case CleanupKind.AsyncExit:
                    return await ((Func<Exception?, ValueTask<bool>>)target).Invoke(pending).ConfigureAwait(false);
                case CleanupKind.AsyncDisposable when target is IAsyncExitAware scope:
                    await scope.ExitAsync(pending).ConfigureAwait(false);
                    return false;
                case CleanupKind.AsyncDisposable:
                    await ((IAsyncDisposable)target).DisposeAsync().ConfigureAwait(false);
                    return false;
                case CleanupKind.AsyncCallback:
                    await ((Func<ValueTask>)target).Invoke().ConfigureAwait(false);
                    return false;
                case CleanupKind.Disposable when target is IExitAware scope:
                    scope.Exit(pending);
                    return false;
                case CleanupKind.Disposable:
                    ((IDisposable)target).Dispose();
                    return false;
                default:
                    ((Action)target).Invoke();
                    return false;
            }
        }
    }
}
