using Interop.Runtime.Scopes;

namespace Interop.Runtime.Tests.Scopes;

public sealed class AsyncExitStackTests
{
    private readonly CleanupLog _log = new();

    [Fact]
    public async Task Sync_and_async_cleanups_run_in_reverse_order_of_entry()
    {
        await using (var stack = new AsyncExitStack())
        {
            stack.EnterAsync(new DualResource(_log, "a"));
            stack.Callback(() => _log.Write("callback b"));
            stack.CallbackAsync(async () =>
            {
                await Task.Yield();
                _log.Write("async callback c");
            });
            stack.Enter(_log.Open("d"));
        }

        Assert.Equal(["Opened d", "d closed", "async callback c", "callback b", "a disposed asynchronously"], _log.Lines);
    }

    [Fact]
    public async Task Enter_releases_with_Dispose_and_EnterAsync_with_DisposeAsync_when_a_type_has_both()
    {
        await using (var stack = new AsyncExitStack())
        {
            stack.Enter(new DualResource(_log, "sync"));
            stack.EnterAsync(new DualResource(_log, "async"));
        }

        Assert.Equal(["async disposed asynchronously", "sync disposed synchronously"], _log.Lines);
    }

    [Fact]
    public async Task One_failing_cleanup_is_rethrown_as_is_after_every_other_cleanup_ran()
    {
        var failure = new InvalidOperationException("b failed");
        var stack = new AsyncExitStack();
        stack.Enter(_log.Open("a"));
        stack.CallbackAsync(async () =>
        {
            await Task.Yield();
            _log.Write("b closed");
            throw failure;
        });
        stack.Enter(_log.Open("c"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => stack.DisposeAsync().AsTask());

        Assert.Same(failure, thrown);
        Assert.Equal(["c closed", "b closed", "a closed"], _log.Lines.Skip(2));
    }

    [Fact]
    public async Task Several_failing_cleanups_are_aggregated_in_the_order_they_were_raised()
    {
        var first = new InvalidOperationException("async callback failed first");
        var second = new IOException("a failed second");
        var stack = new AsyncExitStack();
        stack.Enter(_log.Open("a", second));
        stack.CallbackAsync(() => ValueTask.FromException(first));

        var thrown = await Assert.ThrowsAsync<AggregateException>(() => stack.DisposeAsync().AsTask());

        Assert.Equal([first, second], thrown.InnerExceptions);
    }

    [Fact]
    public async Task Disposing_twice_releases_once()
    {
        var stack = new AsyncExitStack();
        var resource = stack.Enter(_log.Open("a"));

        await stack.DisposeAsync();
        await stack.DisposeAsync();

        Assert.Equal(1, resource.DisposeCount);
    }

    [Fact]
    public async Task Entering_into_a_disposed_stack_releases_the_resource_and_throws()
    {
        var stack = new AsyncExitStack();
        await stack.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => stack.EnterAsync(new DualResource(_log, "late")));
        Assert.Throws<ObjectDisposedException>(() => stack.CallbackAsync(() => ValueTask.CompletedTask));
        Assert.Equal(["late disposed asynchronously"], _log.Lines);
    }

    [Fact]
    public async Task PopAll_moves_ownership_to_the_new_stack()
    {
        AsyncExitStack owner;
        await using (var stack = new AsyncExitStack())
        {
            stack.Enter(_log.Open("a"));
            owner = stack.PopAll();
        }

        Assert.Equal(["Opened a"], _log.Lines);

        await owner.DisposeAsync();

        Assert.Equal(["Opened a", "a closed"], _log.Lines);
    }

    [Fact]
    public async Task When_the_nth_async_factory_fails_the_ones_entered_before_are_released()
    {
        var failure = new FileNotFoundException("third");
        Func<ValueTask<DualResource>>[] factories =
        [
            () => ValueTask.FromResult(new DualResource(_log, "first")),
            async () =>
            {
                await Task.Yield();
                return new DualResource(_log, "second");
            },
            () => ValueTask.FromException<DualResource>(failure),
        ];

        var thrown = await Assert.ThrowsAsync<FileNotFoundException>(async () =>
        {
            await using var stack = new AsyncExitStack();
            await stack.EnterAllAsync(factories);
        });

        Assert.Same(failure, thrown);
        Assert.Equal(["second disposed asynchronously", "first disposed asynchronously"], _log.Lines);
    }

    [Fact]
    public async Task AllOrNothingAsync_releases_what_was_acquired_when_acquiring_fails_halfway()
    {
        var failure = new IOException("c cannot be opened");

        var thrown = await Assert.ThrowsAsync<IOException>(async () => await AsyncExitStack.AllOrNothingAsync(async s =>
        {
            s.Enter(_log.Open("a"));
            await Task.Yield();
            s.EnterAsync(new DualResource(_log, "b"));
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.Equal(["Opened a", "b disposed asynchronously", "a closed"], _log.Lines);
    }

    [Fact]
    public async Task AllOrNothingAsync_hands_every_resource_to_the_returned_owner_on_success()
    {
        var owner = await AsyncExitStack.AllOrNothingAsync(s =>
        {
            s.Enter(_log.Open("a"));
            s.Enter(_log.Open("b"));
            return ValueTask.CompletedTask;
        });

        Assert.Equal(["Opened a", "Opened b"], _log.Lines);

        await owner.DisposeAsync();

        Assert.Equal(["b closed", "a closed"], _log.Lines.Skip(2));
    }

    [Fact]
    public async Task RunAsync_keeps_a_body_failure_first_when_a_cleanup_fails_too()
    {
        var body = new InvalidOperationException("body failed");
        var cleanup = new IOException("close failed");

        var thrown = await Assert.ThrowsAsync<AggregateException>(async () => await AsyncExitStack.RunAsync<int>(async s =>
        {
            s.Enter(_log.Open("a", cleanup));
            await Task.Yield();
            throw body;
        }));

        Assert.Equal([body, cleanup], thrown.InnerExceptions);
    }

    [Fact]
    public async Task RunAsync_returns_the_body_result_and_releases_afterwards()
    {
        var result = await AsyncExitStack.RunAsync(async s =>
        {
            s.Enter(_log.Open("a"));
            await Task.Yield();
            _log.Write("body");
            return "done";
        });

        Assert.Equal("done", result);
        Assert.Equal(["Opened a", "body", "a closed"], _log.Lines);
    }

    /// <summary>Has both kinds of disposal, and logs which one ran.</summary>
    private sealed class DualResource(CleanupLog log, string name) : IDisposable, IAsyncDisposable
    {
        public void Dispose() => log.Write($"{name} disposed synchronously");

        public async ValueTask DisposeAsync()
        {
            await Task.Yield();
            log.Write($"{name} disposed asynchronously");
        }
    }
}
