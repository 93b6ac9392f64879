namespace Interop.Runtime.Scopes;

/// <summary>
/// Owns a number of resources and clean-up callbacks known only at run time, and releases them in reverse
/// order: the counterpart of Python's <c>contextlib.ExitStack</c>. Use it through <see cref="Run(Action{ExitStack})"/>,
/// which hands the body's exception to the exit callbacks and never loses it; a plain
/// <c>using var stack = new ExitStack()</c> cannot do either, because C# gives <see cref="Dispose"/> no access to the
/// body's exception: its exit callbacks see <see langword="null"/>, and a clean-up that throws replaces the body's
/// exception.
/// </summary>
/// <remarks>
/// <code>
/// ExitStack.Run(stack =>
/// {
///     var files = stack.EnterAll(names.Select(name => (Func&lt;FileStream&gt;)(() => File.OpenRead(name))));
///     stack.Push(Scope.Suppress&lt;FileNotFoundException&gt;());   // like Python's stack.enter_context(suppress(...))
///     Process(files);
/// });
/// </code>
/// <para>
/// Every clean-up runs even when some throw. Exceptions chain as in Python's <c>ExitStack.__exit__</c>: an exit
/// callback (<see cref="Push"/>) sees the exception left by the clean-ups that ran before it (the body's, or one a
/// later-entered clean-up raised) and suppresses it by returning <see langword="true"/>; a suppressed exception is
/// not seen by the exits after it; a clean-up that throws replaces the pending exception, which is kept: when the
/// stack ends, one exception is rethrown as is (its stack trace kept), several are thrown as one
/// <see cref="AggregateException"/> in the order they were raised, the last being the one Python would raise and the
/// ones before it its <c>__context__</c>. A clean-up that throws <c>new X("...", pending)</c> replaces it outright.
/// </para>
/// <para>Disposing twice does nothing. Not thread-safe: enter and dispose from one thread at a time, like a <c>using</c> block.</para>
/// </remarks>
public sealed class ExitStack : IDisposable
{
    // Each entry is an IDisposable, an IExitAware, an Action or an exit callback; one list keeps their relative order.
    private List<object> _cleanups = [];
    private bool _disposed;

    /// <summary>
    /// Takes ownership of <paramref name="resource"/>: it is disposed when the stack is, after everything entered
    /// later. Ownership is taken even on failure: entering into a disposed stack disposes the resource at once and
    /// throws <see cref="ObjectDisposedException"/>, so <c>stack.Enter(Open(path))</c> never leaks.
    /// </summary>
    /// <typeparam name="T">The resource's type, kept so the caller gets it back without a cast.</typeparam>
    /// <param name="resource">The resource to release later.</param>
    /// <returns><paramref name="resource"/>, for use in the same expression.</returns>
    public T Enter<T>(T resource) where T : IDisposable
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_disposed)
        {
            throw DisposedAfterReleasing(resource);
        }

        _cleanups.Add(resource);
        return resource;
    }

    /// <summary>
    /// Creates and enters one resource per factory, in order. If the n-th factory throws, the n−1 resources
    /// already created stay owned by the stack and are released when it is disposed (by the enclosing <c>using</c>,
    /// or by <see cref="AllOrNothing(Action{ExitStack})"/>).
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

    /// <summary>Registers <paramref name="callback"/> to run when the stack is disposed, in LIFO order with the resources.</summary>
    /// <param name="callback">The clean-up action.</param>
    /// <exception cref="ObjectDisposedException">The stack was disposed; the callback does not run.</exception>
    public void Callback(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cleanups.Add(callback);
    }

    /// <summary>
    /// Registers an exit callback, Python's <c>ExitStack.push(exit)</c>: it runs in LIFO order with everything else,
    /// receives the exception pending at that point (<see langword="null"/> when there is none), and returns
    /// <see langword="true"/> to suppress it, so that the exits after it see none and <see cref="Run(Action{ExitStack})"/>
    /// returns normally. Under a plain <c>using</c> the body's exception is unknown, so the callback sees only
    /// exceptions raised by other clean-ups.
    /// </summary>
    /// <param name="exit">Receives the pending exception; returns whether it handled it.</param>
    /// <exception cref="ObjectDisposedException">The stack was disposed; the callback does not run.</exception>
    public void Push(Func<Exception?, bool> exit)
    {
        ArgumentNullException.ThrowIfNull(exit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cleanups.Add(exit);
    }

    /// <summary>
    /// Moves everything this stack owns into a new stack and leaves this one empty (and still usable), so the
    /// enclosing <c>using</c> releases nothing: the way to hand resources built under a stack to a longer-lived owner.
    /// </summary>
    /// <returns>A stack that owns what this one owned.</returns>
    public ExitStack PopAll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var owner = new ExitStack { _cleanups = _cleanups };
        _cleanups = [];
        return owner;
    }

    /// <summary>Releases everything in reverse order of entry; every clean-up runs even when some throw.</summary>
    /// <exception cref="AggregateException">More than one clean-up threw; the errors in the order they were raised.</exception>
    /// <remarks>No body exception reaches the exit callbacks from here: see the summary of <see cref="ExitStack"/>.</remarks>
    public void Dispose() => CleanupErrors.ThrowIfAny(Close(null));

    /// <summary>
    /// Runs <paramref name="body"/> with a new stack and closes the stack afterwards, as Python's
    /// <c>with ExitStack() as stack:</c> does: the exit callbacks see the body's exception and may suppress it, and
    /// neither the body's exception nor a clean-up's is lost (see <see cref="ExitStack"/>).
    /// </summary>
    /// <param name="body">The work; it enters what it uses into the stack it is given.</param>
    public static void Run(Action<ExitStack> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Run<object?>(stack =>
        {
            body(stack);
            return null;
        });
    }

    /// <summary>
    /// Runs <paramref name="body"/> with a new stack and closes the stack afterwards, as <see cref="Run(Action{ExitStack})"/>,
    /// and returns what the body computed.
    /// </summary>
    /// <typeparam name="T">What the body computes.</typeparam>
    /// <param name="body">The work; it enters what it uses into the stack it is given.</param>
    /// <returns>What <paramref name="body"/> returned; <see langword="default"/> when the body failed and an exit callback suppressed its exception.</returns>
    public static T Run<T>(Func<ExitStack, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var stack = new ExitStack();
        T result;
        try
        {
            result = body(stack);
        }
        catch (Exception failure)
        {
            CleanupErrors.ThrowIfAny(stack.Close(CleanupErrors.Started(failure)));
            return default!;
        }

        CleanupErrors.ThrowIfAny(stack.Close(null));
        return result;
    }

    /// <summary>
    /// Acquires several resources all or nothing: <paramref name="acquire"/> enters them into a new stack; if it
    /// throws halfway, what it had acquired is released (its exception surfaces as with <see cref="Run(Action{ExitStack})"/>),
    /// otherwise the returned stack owns all of it.
    /// </summary>
    /// <param name="acquire">Enters the resources.</param>
    /// <returns>The owner of everything acquired; dispose it to release them.</returns>
    public static ExitStack AllOrNothing(Action<ExitStack> acquire)
    {
        ArgumentNullException.ThrowIfNull(acquire);
        return AllOrNothing(stack =>
        {
            acquire(stack);
            return 0;
        }, out _);
    }

    /// <summary>
    /// Acquires several resources all or nothing, as <see cref="AllOrNothing(Action{ExitStack})"/>, and hands back
    /// what <paramref name="acquire"/> returned, e.g. the list from <see cref="EnterAll{T}"/>.
    /// </summary>
    /// <typeparam name="T">What <paramref name="acquire"/> returns.</typeparam>
    /// <param name="acquire">Enters the resources.</param>
    /// <param name="acquired">What <paramref name="acquire"/> returned.</param>
    /// <returns>The owner of everything acquired; dispose it to release them.</returns>
    public static ExitStack AllOrNothing<T>(Func<ExitStack, T> acquire, out T acquired)
    {
        ArgumentNullException.ThrowIfNull(acquire);
        var (owner, value) = Run(stack =>
        {
            var result = acquire(stack);
            return (stack.PopAll(), result);
        });
        acquired = value;
        return owner;
    }

    /// <summary>
    /// Marks the stack disposed and runs every clean-up, chaining their exceptions onto <paramref name="pending"/>
    /// (the body's exception, if any) by the rules in <see cref="CleanupErrors"/>; returns what is left pending.
    /// </summary>
    internal List<Exception>? Close(List<Exception>? pending)
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
                switch (cleanups[i])
                {
                    case Func<Exception?, bool> exit:
                        if (exit(CleanupErrors.Current(pending)))
                        {
                            CleanupErrors.Suppress(pending);
                        }

                        break;
                    case IExitAware scope:
                        scope.Exit(CleanupErrors.Current(pending));
                        break;
                    case IDisposable resource:
                        resource.Dispose();
                        break;
                    default:
                        ((Action)cleanups[i])();
                        break;
                }
            }
            catch (Exception error)
            {
                CleanupErrors.Add(ref pending, error);
            }
        }

        return pending;
    }

    private ObjectDisposedException DisposedAfterReleasing(IDisposable resource)
    {
        try
        {
            resource.Dispose();
        }
        catch (Exception error)
        {
            return new ObjectDisposedException($"The {nameof(ExitStack)} was disposed; the resource entered into it was released, and releasing it threw.", error);
        }

        return new ObjectDisposedException(nameof(ExitStack), "The stack was disposed; the resource entered into it was released at once.");
    }
}
