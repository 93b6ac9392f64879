using Interop.Runtime.Scopes;

namespace Interop.Runtime.Tests.Scopes;

/// <summary>
/// Exit callbacks and Python's exit chaining, ported from CPython's <c>test_contextlib.TestBaseExitStack</c>
/// (test_exit_raise, test_exit_suppress, test_exit_exception_chaining*, test_body_exception_suppress, ...). Where
/// Python raises the newest exception with the older ones as its <c>__context__</c>, ours surfaces the chain in an
/// <see cref="AggregateException"/>, oldest first.
/// </summary>
public sealed class ExitChainingTests
{
    private readonly CleanupLog _log = new();

    private sealed class IndexError(string message = "index") : Exception(message);

    private sealed class KeyError(string message = "key") : Exception(message);

    private sealed class AttributeError(string message = "attribute") : Exception(message);

    private sealed class ValueError(string message = "value") : Exception(message);

    private static Action Raise(Exception exception) => () => throw exception;

    [Fact]
    public void test_exit_raise_an_exit_returning_false_lets_the_body_exception_through()
    {
        var body = new DivideByZeroException();

        var thrown = Assert.Throws<DivideByZeroException>(() => ExitStack.Run(stack =>
        {
            stack.Push(_ => false);
            throw body;
        }));

        Assert.Same(body, thrown);
    }

    [Fact]
    public void test_exit_suppress_an_exit_returning_true_suppresses_the_body_exception()
    {
        Exception? seen = null;

        ExitStack.Run(stack =>
        {
            stack.Push(exception =>
            {
                seen = exception;
                return true;
            });
            throw new DivideByZeroException();
        });

        Assert.IsType<DivideByZeroException>(seen);
    }

    [Fact]
    public void An_exit_sees_null_when_the_body_succeeded()
    {
        var seen = new List<Exception?> { new ValueError() };

        ExitStack.Run(stack => stack.Push(exception =>
        {
            seen[0] = exception;
            return false;
        }));

        Assert.Null(seen[0]);
    }

    [Fact]
    public void test_exit_exception_chaining_a_suppressed_exception_is_not_seen_by_later_exits()
    {
        // CPython: callbacks raising IndexError, KeyError, AttributeError, then a suppressing exit, then ValueError; body 1/0.
        var index = new IndexError();
        var key = new KeyError();
        var attribute = new AttributeError();
        var value = new ValueError();
        Exception? suppressed = null;

        var thrown = Assert.Throws<AggregateException>(() => ExitStack.Run(stack =>
        {
            stack.Callback(Raise(index));
            stack.Callback(Raise(key));
            stack.Callback(Raise(attribute));
            stack.Push(exception =>
            {
                suppressed = exception;
                return true;
            });
            stack.Callback(Raise(value));
            throw new DivideByZeroException();
        }));

        // Python: IndexError, whose __context__ is KeyError, whose __context__ is AttributeError, then None.
        Assert.Equal([attribute, key, index], thrown.InnerExceptions);
        // The suppressing exit saw the newest pending exception: the ValueError raised while 1/0 was pending.
        Assert.Same(value, suppressed);
    }

    [Fact]
    public void test_exit_exception_non_suppressing_a_callback_error_after_a_successful_callback_surfaces_as_is()
    {
        var index = new IndexError();

        var thrown = Assert.Throws<IndexError>(() => ExitStack.Run(stack =>
        {
            stack.Callback(() => { });
            stack.Callback(Raise(index));
        }));

        Assert.Same(index, thrown);
    }

    [Fact]
    public void test_exit_exception_non_suppressing_an_exit_suppresses_only_what_was_raised_before_it_ran()
    {
        var key = new KeyError();

        var thrown = Assert.Throws<KeyError>(() => ExitStack.Run(stack =>
        {
            stack.Callback(Raise(key));
            stack.Push(_ => true);
            stack.Callback(Raise(new IndexError()));
        }));

        Assert.Same(key, thrown);
    }

    [Fact]
    public void test_exit_exception_with_correct_context_every_replaced_exception_is_kept_in_order()
    {
        var exc1 = new Exception("1");
        var exc2 = new Exception("2");
        var exc3 = new Exception("3");
        var exc4 = new Exception("4");

        var thrown = Assert.Throws<AggregateException>(() => ExitStack.Run(stack =>
        {
            stack.Callback(Raise(exc4));
            stack.Callback(Raise(exc3));
            stack.Callback(Raise(exc2));
            throw exc1;
        }));

        // Python: exc4, context exc3, context exc2, context exc1.
        Assert.Equal([exc1, exc2, exc3, exc4], thrown.InnerExceptions);
    }

    [Fact]
    public void An_exit_that_throws_with_the_pending_exception_as_inner_replaces_it_outright()
    {
        // Python's `raise RollbackFailed() from e`: the new exception carries the old one, so it surfaces alone.
        var thrown = Assert.Throws<InvalidOperationException>(() => ExitStack.Run(stack =>
        {
            stack.Push(exception => throw new InvalidOperationException("rollback failed", exception));
            throw new TimeoutException("body");
        }));

        Assert.IsType<TimeoutException>(thrown.InnerException);
    }

    [Fact]
    public void An_exit_that_rethrows_the_pending_exception_does_not_duplicate_it()
    {
        var body = new TimeoutException("body");

        var thrown = Assert.Throws<TimeoutException>(() => ExitStack.Run(stack =>
        {
            stack.Push(exception => throw exception!);
            throw body;
        }));

        Assert.Same(body, thrown);
    }

    [Fact]
    public void test_body_exception_suppress_run_returns_normally_and_a_result_is_default()
    {
        var result = ExitStack.Run<int>(stack =>
        {
            stack.Push(_ => true);
            throw new DivideByZeroException();
        });

        Assert.Equal(0, result);
    }

    [Fact]
    public void test_exit_exception_chaining_suppress_an_exit_suppresses_errors_raised_by_exits_after_it()
    {
        ExitStack.Run(stack =>
        {
            stack.Push(_ => true);
            stack.Push(_ => throw new DivideByZeroException());
            stack.Push(_ => throw new KeyError());
        });
    }

    [Fact]
    public void A_later_exit_sees_the_exception_an_earlier_cleanup_raised()
    {
        var raised = new KeyError();
        var seen = new List<Exception?>();

        var thrown = Assert.Throws<AggregateException>(() => ExitStack.Run(stack =>
        {
            stack.Push(exception =>
            {
                seen.Add(exception);
                return false;
            });
            stack.Callback(Raise(raised));
            throw new DivideByZeroException();
        }));

        Assert.Equal([raised], seen);
        Assert.Equal(2, thrown.InnerExceptions.Count);
        Assert.IsType<DivideByZeroException>(thrown.InnerExceptions[0]);
    }

    [Fact]
    public void Exits_and_resources_unwind_in_one_LIFO_order()
    {
        ExitStack.Run(stack =>
        {
            stack.Enter(_log.Open("a"));
            stack.Push(exception =>
            {
                _log.Write($"exit saw {exception?.Message ?? "nothing"}");
                return exception is ValueError;
            });
            stack.Enter(_log.Open("b"));
            throw new ValueError("bad value");
        });

        Assert.Equal(["Opened a", "Opened b", "b closed", "exit saw bad value", "a closed"], _log.Lines);
    }

    [Fact]
    public void Under_a_plain_using_an_exit_sees_no_body_exception_and_cannot_suppress_it()
    {
        // The loss C# forces, pinned so the docs stay true: Dispose never learns of the body's exception.
        Exception? seen = new ValueError();

        Assert.Throws<DivideByZeroException>(void () =>
        {
            using var stack = new ExitStack();
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
    public void Push_on_a_disposed_stack_throws_and_the_exit_never_runs()
    {
        var stack = new ExitStack();
        stack.Dispose();
        var ran = false;

        Assert.Throws<ObjectDisposedException>(() => stack.Push(_ => ran = true));
        Assert.False(ran);
    }

    [Fact]
    public void An_iterator_scope_entered_into_Run_skips_its_code_after_the_yield_when_the_body_fails()
    {
        Assert.Throws<ValueError>(() => ExitStack.Run(stack =>
        {
            stack.Enter(Scope.FromIterator(Transaction()));
            throw new ValueError();
        }));

        Assert.Equal(["begin", "close"], _log.Lines);
    }

    [Fact]
    public void An_iterator_scope_entered_into_Run_runs_its_code_after_the_yield_when_the_body_succeeds()
    {
        ExitStack.Run(stack => stack.Enter(Scope.FromIterator(Transaction())));

        Assert.Equal(["begin", "commit", "close"], _log.Lines);
    }

    // Python's @contextmanager: `yield` then "commit" — the commit must not run after a failed body.
    private IEnumerable<int> Transaction()
    {
        _log.Write("begin");
        try
        {
            yield return 0;
            _log.Write("commit");
        }
        finally
        {
            _log.Write("close");
        }
    }
}
