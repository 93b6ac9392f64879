namespace Interop.Runtime.Scopes;

/// <summary>
/// A scope that closes differently when the body failed, as Python's <c>__exit__</c> does. The stacks call
/// <see cref="Exit"/> instead of <see cref="IDisposable.Dispose"/> so that an iterator scope entered into
/// <see cref="ExitStack.Run(Action{ExitStack})"/> skips its code after the <c>yield</c> when the body failed.
/// </summary>
internal interface IExitAware
{
    /// <summary>Closes the scope; <paramref name="exception"/> is the pending failure, or null on success.</summary>
    void Exit(Exception? exception);
}

/// <summary>The asynchronous <see cref="IExitAware"/>, for <see cref="AsyncExitStack"/>.</summary>
internal interface IAsyncExitAware
{
    /// <summary>Closes the scope; <paramref name="exception"/> is the pending failure, or null on success.</summary>
    ValueTask ExitAsync(Exception? exception);
}
