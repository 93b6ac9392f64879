namespace Interop.Runtime.Scopes;

/// <summary>
/// The asynchronous <see cref="ExitStack"/>: owns resources and callbacks, synchronous and asynchronous alike, and
/// releases them in reverse order when disposed with <c>await using</c>: the counterpart of Python's
/// <c>contextlib.AsyncExitStack</c>.
/// </summary>
/// <remarks>
/// <para>
/// The <c>Async</c> suffix on <see cref="EnterAsync{T}"/> and <see cref="CallbackAsync"/> names the kind of clean-up
/// being registered (awaited at disposal), as in Python's <c>enter_async_context</c>; registering is immediate.
/// </para>
/// <para>
/// Failures surface as with <see cref="ExitStack"/>: every clean-up runs, one error is rethrown as is, several become
/// an <see cref="AggregateException"/> in the order raised; <see cref="RunAsync{T}"/> keeps a body failure as well.
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
    public async ValueTask DisposeAsync() => CleanupErrors.ThrowIfAny(await CloseAsync().ConfigureAwait(false));

    /// <summary>
    /// Runs <paramref name="body"/> with a new stack and disposes it afterwards, without losing a body failure to a
    /// clean-up failure: the body's exception is rethrown as is when clean-up succeeds, and otherwise comes first in an
    /// <see cref="AggregateException"/> followed by the clean-up errors.
    /// </summary>
    /// <typeparam name="T">What the body computes.</typeparam>
    /// <param name="body">The work; it enters what it uses into the stack it is given.</param>
    /// <returns>What <paramref name="body"/> returned.</returns>
    public static async ValueTask<T> RunAsync<T>(Func<AsyncExitStack, ValueTask<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var stack = new AsyncExitStack();
        T result;
        try
        {
            result = await body(stack).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            throw CleanupErrors.BodyFailed(failure, await stack.CloseAsync().ConfigureAwait(false));
        }

        await stack.DisposeAsync().ConfigureAwait(false);
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

    /// <summary>Marks the stack disposed and runs every clean-up, collecting (not throwing) their errors.</summary>
    private async ValueTask<List<Exception>?> CloseAsync()
    {
        if (_disposed)
        {
            return null;
        }

        _disposed = true;
        var cleanups = _cleanups;
        _cleanups = [];
        List<Exception>? errors = null;
        for (var i = cleanups.Count - 1; i >= 0; i--)
        {
            try
            {
                await cleanups[i].RunAsync().ConfigureAwait(false);
            }
            catch (Exception error)
            {
                CleanupErrors.Add(ref errors, error);
            }
        }

        return errors;
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
    }

    /// <summary>One registered clean-up; the kind is recorded because a type may be both IDisposable and IAsyncDisposable.</summary>
    private readonly struct Cleanup(object target, CleanupKind kind)
    {
        public ValueTask RunAsync()
        {
            switch (kind)
            {
                case CleanupKind.AsyncDisposable:
                    return ((IAsyncDisposable)target).DisposeAsync();
                case CleanupKind.AsyncCallback:
                    return ((Func<ValueTask>)target).Invoke();
                case CleanupKind.Disposable:
                    ((IDisposable)target).Dispose();
                    return ValueTask.CompletedTask;
                default:
                    ((Action)target).Invoke();
                    return ValueTask.CompletedTask;
            }
        }
    }
}
