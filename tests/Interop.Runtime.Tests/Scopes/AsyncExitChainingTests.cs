using Interop.Runtime.Scopes;

namespace Interop.Runtime.Tests.Scopes;

/// <summary>The exit chaining of <see cref="ExitChainingTests"/> on <see cref="AsyncExitStack"/> (CPython's <c>TestAsyncExitStack</c> runs the same cases).</summary>
public sealed class AsyncExitChainingTests
{
    private readonly CleanupLog _log = new();

    [Fact]
    public async Task test_exit_suppress_an_async_exit_returning_true_suppresses_the_body_exception()
    {
        Exception? seen = null;

        await AsyncExitStack.RunAsync(async stack =>
        {
            stack.PushAsync(async exception =>
            {
                await Task.Yield();
                seen = exception;
                return true;
            });
            await Task.Yield();
            throw new DivideByZeroException();
        });

        Assert.IsType<DivideByZeroException>(seen);
    }

    [Fact]
    public async Task test_exit_raise_an_exit_returning_false_lets_the_body_exception_through()
    {
        var body = new DivideByZeroException();

        var thrown = await Assert.ThrowsAsync<DivideByZeroException>(() => AsyncExitStack.RunAsync(stack =>
        {
            stack.Push(_ => false);
            throw body;
        }).AsTask());

        Assert.Same(body, thrown);
    }

    [Fact]
    public async Task test_exit_exception_chaining_a_suppressed_exception_is_not_seen_by_later_exits()
    {
        var index = new IndexOutOfRangeException();
        var key = new KeyNotFoundException();
        var attribute = new MissingMemberException();
        var value = new ArgumentException();
        Exception? suppressed = null;

        var thrown = await Assert.ThrowsAsync<AggregateException>(() => AsyncExitStack.RunAsync(async stack =>
        {
            stack.Callback(() => throw index);
            stack.CallbackAsync(async () =>
            {
                await Task.Yield();
                throw key;
            });
            stack.Callback(() => throw attribute);
            stack.PushAsync(exception =>
            {
                suppressed = exception;
                return ValueTask.FromResult(true);
            });
            stack.Callback(() => throw value);
            await Task.Yield();
            throw new DivideByZeroException();
        }).AsTask());

        Assert.Equal([attribute, key, index], thrown.InnerExceptions);
        Assert.Same(value, suppressed);
    }

    [Fact]
    public async Task Under_a_plain_await_using_an_exit_sees_no_body_exception()
    {
        Exception? seen = new InvalidOperationException();

        await Assert.ThrowsAsync<DivideByZeroException>(async () =>
        {
            await using var stack = new AsyncExitStack();
            stack.Push(exception =>
            {
                seen = exception;
                return true;
            });
            throw new DivideByZeroException();
        });

        Assert.Null(seen);
    }

    [Fact]
    public async Task An_async_iterator_scope_entered_into_RunAsync_skips_its_code_after_the_yield_when_the_body_fails()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => AsyncExitStack.RunAsync(async stack =>
        {
            stack.EnterAsync(await Scope.FromAsyncIterator(TransactionAsync()));
            throw new TimeoutException();
        }).AsTask());

        Assert.Equal(["begin", "close"], _log.Lines);
    }

    [Fact]
    public async Task RunAsync_returns_the_body_result_when_nothing_failed()
    {
        var result = await AsyncExitStack.RunAsync(stack =>
        {
            stack.CallbackAsync(async () =>
            {
                await Task.Yield();
                _log.Write("a closed");
            });
            return ValueTask.FromResult(42);
        });

        Assert.Equal(42, result);
        Assert.Equal(["a closed"], _log.Lines);
    }

    private async IAsyncEnumerable<int> TransactionAsync()
    {
        _log.Write("begin");
        try
        {
            await Task.Yield();
            yield return 0;
            _log.Write("commit");
        }
        finally
        {
            _log.Write("close");
        }
    }
}
