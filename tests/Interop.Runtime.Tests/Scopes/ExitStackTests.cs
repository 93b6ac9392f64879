using Interop.Runtime.Scopes;

namespace Interop.Runtime.Tests.Scopes;

public sealed class ExitStackTests
{
    private readonly CleanupLog _log = new();

    [Fact]
    public void Resources_and_callbacks_are_released_in_reverse_order_of_entry()
    {
        using (var stack = new ExitStack())
        {
            stack.Enter(_log.Open("a"));
            stack.Callback(() => _log.Write("callback b"));
            stack.Enter(_log.Open("c"));
        }

        Assert.Equal(["Opened a", "Opened c", "c closed", "callback b", "a closed"], _log.Lines);
    }

    [Fact]
    public void Enter_returns_the_resource_it_was_given()
    {
        using var stack = new ExitStack();
        var resource = _log.Open("a");

        Assert.Same(resource, stack.Enter(resource));
    }

    [Fact]
    public void One_failing_cleanup_is_rethrown_as_is_after_every_other_cleanup_ran()
    {
        var failure = new InvalidOperationException("b failed");
        var stack = new ExitStack();
        stack.Enter(_log.Open("a"));
        stack.Enter(_log.Open("b", failure));
        stack.Enter(_log.Open("c"));

        var thrown = Assert.Throws<InvalidOperationException>(stack.Dispose);

        Assert.Same(failure, thrown);
        Assert.Equal(["c closed", "b closed", "a closed"], _log.Lines.Skip(3));
    }

    [Fact]
    public void A_rethrown_cleanup_error_keeps_the_stack_trace_of_where_it_was_raised()
    {
        var stack = new ExitStack();
        stack.Callback(ThrowFromANamedMethod);

        var thrown = Assert.Throws<FormatException>(stack.Dispose);

        Assert.Contains(nameof(ThrowFromANamedMethod), thrown.StackTrace);
    }

    [Fact]
    public void Several_failing_cleanups_are_aggregated_in_the_order_they_were_raised()
    {
        var first = new InvalidOperationException("c failed first");
        var second = new ArgumentException("a failed second");
        var stack = new ExitStack();
        stack.Enter(_log.Open("a", second));
        stack.Enter(_log.Open("b"));
        stack.Enter(_log.Open("c", first));

        var thrown = Assert.Throws<AggregateException>(stack.Dispose);

        Assert.Equal([first, second], thrown.InnerExceptions);
        Assert.Equal(["c closed", "b closed", "a closed"], _log.Lines.Skip(3));
    }

    [Fact]
    public void Disposing_twice_releases_once()
    {
        var stack = new ExitStack();
        var resource = stack.Enter(_log.Open("a"));

        stack.Dispose();
        stack.Dispose();

        Assert.Equal(1, resource.DisposeCount);
    }

    [Fact]
    public void Entering_into_a_disposed_stack_releases_the_resource_and_throws()
    {
        var stack = new ExitStack();
        stack.Dispose();
        var resource = _log.Open("late");

        Assert.Throws<ObjectDisposedException>(() => stack.Enter(resource));
        Assert.Equal(1, resource.DisposeCount);
    }

    [Fact]
    public void Entering_into_a_disposed_stack_keeps_the_release_error_as_inner_exception()
    {
        var failure = new IOException("close failed");
        var stack = new ExitStack();
        stack.Dispose();

        var thrown = Assert.Throws<ObjectDisposedException>(() => stack.Enter(_log.Open("late", failure)));

        Assert.Same(failure, thrown.InnerException);
    }

    [Fact]
    public void A_callback_pushed_onto_a_disposed_stack_throws_and_never_runs()
    {
        var stack = new ExitStack();
        stack.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stack.Callback(() => _log.Write("ran")));
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public void PopAll_moves_ownership_to_the_new_stack_and_leaves_this_one_empty()
    {
        ExitStack owner;
        using (var stack = new ExitStack())
        {
            stack.Enter(_log.Open("a"));
            stack.Callback(() => _log.Write("callback b"));
            owner = stack.PopAll();
            stack.Enter(_log.Open("after pop"));
        }

        Assert.Equal(["Opened a", "Opened after pop", "after pop closed"], _log.Lines);

        owner.Dispose();

        Assert.Equal(["callback b", "a closed"], _log.Lines.Skip(3));
    }

    [Fact]
    public void When_the_nth_factory_fails_the_ones_entered_before_are_released_by_using()
    {
        var failure = new FileNotFoundException("third.txt");
        Func<CleanupLog.Resource>[] factories =
        [
            () => _log.Open("first.txt"),
            () => _log.Open("second.txt"),
            () => throw failure,
            () => _log.Open("never.txt"),
        ];

        var thrown = Assert.Throws<FileNotFoundException>(() =>
        {
            using var stack = new ExitStack();
            stack.EnterAll(factories);
        });

        Assert.Same(failure, thrown);
        Assert.Equal(["Opened first.txt", "Opened second.txt", "second.txt closed", "first.txt closed"], _log.Lines);
    }

    [Fact]
    public void AllOrNothing_hands_every_resource_to_the_returned_owner_on_success()
    {
        var owner = ExitStack.AllOrNothing(s => s.EnterAll<CleanupLog.Resource>([() => _log.Open("a"), () => _log.Open("b")]), out var resources);

        Assert.Equal(["a", "b"], resources.Select(r => r.Name));
        Assert.Equal(["Opened a", "Opened b"], _log.Lines);

        owner.Dispose();

        Assert.Equal(["b closed", "a closed"], _log.Lines.Skip(2));
    }

    [Fact]
    public void AllOrNothing_releases_what_was_acquired_when_acquiring_fails_halfway()
    {
        var failure = new IOException("c cannot be opened");

        var thrown = Assert.Throws<IOException>(() => ExitStack.AllOrNothing(s =>
        {
            s.Enter(_log.Open("a"));
            s.Enter(_log.Open("b"));
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.Equal(["Opened a", "Opened b", "b closed", "a closed"], _log.Lines);
    }

    [Fact]
    public void Run_returns_the_body_result_and_releases_afterwards()
    {
        var result = ExitStack.Run(s =>
        {
            s.Enter(_log.Open("a"));
            _log.Write("body");
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal(["Opened a", "body", "a closed"], _log.Lines);
    }

    [Fact]
    public void Run_rethrows_a_body_failure_as_is_when_cleanup_succeeds()
    {
        var failure = new InvalidOperationException("body failed");

        var thrown = Assert.Throws<InvalidOperationException>(() => ExitStack.Run(s =>
        {
            s.Enter(_log.Open("a"));
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.Equal(["Opened a", "a closed"], _log.Lines);
    }

    [Fact]
    public void Run_keeps_a_body_failure_first_when_cleanups_fail_too()
    {
        var body = new InvalidOperationException("body failed");
        var cleanupB = new IOException("b failed");
        var cleanupA = new IOException("a failed");

        var thrown = Assert.Throws<AggregateException>(() => ExitStack.Run(s =>
        {
            s.Enter(_log.Open("a", cleanupA));
            s.Enter(_log.Open("b", cleanupB));
            throw body;
        }));

        Assert.Equal([body, cleanupB, cleanupA], thrown.InnerExceptions);
    }

    [Fact]
    public void With_a_plain_using_a_cleanup_failure_replaces_the_body_failure_as_csharp_defines()
    {
        // Pins the documented limitation that ExitStack.Run exists for.
        var cleanup = new IOException("close failed");

        var thrown = Assert.Throws<IOException>(void () =>
        {
            using var stack = new ExitStack();
            stack.Enter(_log.Open("a", cleanup));
            throw new InvalidOperationException("body failed");
        });

        Assert.Same(cleanup, thrown);
    }

    [Fact]
    public void A_callback_entering_into_the_stack_while_it_is_disposed_fails_without_stopping_the_rest()
    {
        var stack = new ExitStack();
        stack.Enter(_log.Open("a"));
        stack.Callback(() => stack.Enter(_log.Open("re-entrant")));

        var thrown = Assert.Throws<ObjectDisposedException>(stack.Dispose);

        Assert.NotNull(thrown);
        Assert.Equal(["Opened a", "Opened re-entrant", "re-entrant closed", "a closed"], _log.Lines);
    }

    private static void ThrowFromANamedMethod() => throw new FormatException("raised here");
}
