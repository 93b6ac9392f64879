namespace Interop.Runtime.Scopes;

/// <summary>
/// Owns a number of resources and clean-up callbacks known only at run time, and releases them in reverse
/// order when disposed: the counterpart of Python's <c>contextlib.ExitStack</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every clean-up runs even when some throw. One error is rethrown as is (its stack trace kept); several are
/// thrown as one <see cref="AggregateException"/> in the order they were raised. Disposing twice does nothing.
/// </para>
/// <para>
/// With a plain <c>using</c>, C# lets an exception thrown by <see cref="Dispose"/> replace one the body threw.
/// When both matter, run the body through <see cref="Run(Action{ExitStack})"/>: a body failure is then rethrown
/// as is when clean-up succeeds, and otherwise arrives first in an <see cref="AggregateException"/> followed by
/// the clean-up errors.
/// </para>
/// <para>Not thread-safe: enter and dispose from one thread at a time, like a <c>using</c> block.</para>
/// </remarks>
public sealed class ExitStack : IDisposable
{
    // Each entry is either an IDisposable or an Action; one list keeps their relative order.
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
    public void Dispose() => CleanupErrors.ThrowIfAny(Close());

    /// <summary>
    /// Runs <paramref name="body"/> with a new stack and disposes the stack afterwards, without losing a body
    /// failure to a clean-up failure: see the remarks on <see cref="ExitStack"/>.
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
    /// Runs <paramref name="body"/> with a new stack and disposes the stack afterwards, without losing a body
    /// failure to a clean-up failure: see the remarks on <see cref="ExitStack"/>.
    /// </summary>
    /// <typeparam name="T">What the body computes.</typeparam>
    /// <param name="body">The work; it enters what it uses into the stack it is given.</param>
    /// <returns>What <paramref name="body"/> returned.</returns>
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
            throw CleanupErrors.BodyFailed(failure, stack.Close());
        }

        stack.Dispose();
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

    /// <summary>Marks the stack disposed and runs every clean-up, collecting (not throwing) their errors.</summary>
    internal List<Exception>? Close()
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
                if (cleanups[i] is IDisposable resource)
                {
                    resource.Dispose();
                }
                else
                {
                    ((Action)cleanups[i])();
                }
            }
            catch (Exception error)
            {
                CleanupErrors.Add(ref errors, error);
            }
        }

        return errors;
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
