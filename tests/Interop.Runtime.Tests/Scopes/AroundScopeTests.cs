using Interop.Runtime.Scopes;

namespace Interop.Runtime.Tests.Scopes;

/// <summary>
/// Around scopes against Python's <c>@contextmanager</c> with try/except around its <c>yield</c>
/// (CPython's test_contextmanager_except, test_contextmanager_finally, test_contextmanager_no_reraise, and the
/// "didn't yield" / "didn't stop" errors).
/// </summary>
public sealed class AroundScopeTests
{
    private readonly CleanupLog _log = new();

    [Fact]
    public void The_body_gets_the_value_and_the_commit_runs_after_a_body_that_succeeded()
    {
        Transaction("db").Run(connection => _log.Write($"work on {connection}"));

        Assert.Equal(["open db", "work on connection to db", "commit", "close"], _log.Lines);
    }

    [Fact]
    public void test_contextmanager_except_a_caught_body_exception_is_handled_and_suppressed()
    {
        Transaction("db").Run(_ => throw new TimeoutException("slow"));

        Assert.Equal(["open db", "rollback after slow", "close"], _log.Lines);
    }

    [Fact]
    public void test_contextmanager_finally_an_uncaught_body_exception_skips_the_commit_and_surfaces_as_is()
    {
        var failure = new InvalidDataException("bad row");

        var thrown = Assert.Throws<InvalidDataException>(() => Transaction("db").Run(_ => throw failure));

        Assert.Same(failure, thrown);
        Assert.Equal(["open db", "close"], _log.Lines);
    }

    [Fact]
    public void A_teardown_that_throws_after_a_failed_body_keeps_both_exceptions_body_first()
    {
        var body = new InvalidDataException("body");
        var teardown = new IOException("close failed");
        var scope = Scope.Around(run =>
        {
            try
            {
                run();
            }
            finally
            {
                throw teardown;
            }
        });

        var thrown = Assert.Throws<AggregateException>(() => scope.Run(() => throw body));

        Assert.Equal([body, teardown], thrown.InnerExceptions);
    }

    [Fact]
    public void Translating_the_body_exception_with_it_as_inner_surfaces_the_translation_alone()
    {
        var scope = Scope.Around(run =>
        {
            try
            {
                run();
            }
            catch (TimeoutException e)
            {
                throw new OperationCanceledException("gave up", e);
            }
        });

        var thrown = Assert.Throws<OperationCanceledException>(() => scope.Run(() => throw new TimeoutException()));

        Assert.IsType<TimeoutException>(thrown.InnerException);
    }

    [Fact]
    public void A_setup_failure_surfaces_as_is_and_the_body_never_runs()
    {
        var ran = false;
        var scope = Scope.Around<int>(_ => throw new TimeoutException("cannot connect"));

        var thrown = Assert.Throws<TimeoutException>(() => scope.Run(_ => ran = true));

        Assert.Equal("cannot connect", thrown.Message);
        Assert.False(ran);
    }

    [Fact]
    public void A_method_that_never_calls_the_body_fails_like_a_generator_that_did_not_yield()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => Scope.Around(_ => { }).Run(() => { }));

        Assert.Contains("didn't yield", thrown.Message);
    }

    [Fact]
    public void A_method_that_calls_the_body_twice_fails_like_a_generator_that_did_not_stop_and_the_body_runs_once()
    {
        var runs = 0;
        var scope = Scope.Around(run =>
        {
            run();
            run();
        });

        var thrown = Assert.Throws<InvalidOperationException>(() => scope.Run(() => runs++));

        Assert.Contains("didn't stop", thrown.Message);
        Assert.Equal(1, runs);
    }

    [Fact]
    public void The_scope_is_reusable_each_run_runs_setup_and_teardown_again()
    {
        var scope = Transaction("db");

        scope.Run(_ => { });
        scope.Run(_ => { });

        Assert.Equal(["open db", "commit", "close", "open db", "commit", "close"], _log.Lines);
    }

    [Fact]
    public async Task The_async_form_catches_at_its_yield_point_and_skips_the_commit_on_failure()
    {
        var scope = Scope.AroundAsync<string>(async body =>
        {
            await Task.Yield();
            _log.Write("open");
            try
            {
                await body("connection");
                _log.Write("commit");
            }
            catch (TimeoutException)
            {
                _log.Write("rollback");
            }
            finally
            {
                await Task.Yield();
                _log.Write("close");
            }
        });

        await scope.RunAsync(async connection =>
        {
            await Task.Yield();
            _log.Write($"work on {connection}");
        });
        await scope.RunAsync(async _ =>
        {
            await Task.Yield();
            throw new TimeoutException();
        });
        await Assert.ThrowsAsync<InvalidDataException>(() => scope.RunAsync(_ => throw new InvalidDataException()).AsTask());

        Assert.Equal(["open", "work on connection", "commit", "close", "open", "rollback", "close", "open", "close"], _log.Lines);
    }

    [Fact]
    public async Task The_async_form_without_a_value_reports_a_method_that_never_awaits_the_body()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Scope.AroundAsync(_ => ValueTask.CompletedTask).RunAsync(() => ValueTask.CompletedTask).AsTask());

        Assert.Contains("didn't yield", thrown.Message);
    }

    // Python:
    //   @contextmanager
    //   def transaction(name):
    //       conn = open(name)
    //       try: yield conn; conn.commit()
    //       except TimeoutError as e: conn.rollback()
    //       finally: conn.close()
    private AroundScope<string> Transaction(string name) => Scope.Around<string>(body =>
    {
        _log.Write($"open {name}");
        try
        {
            body($"connection to {name}");
            _log.Write("commit");
        }
        catch (TimeoutException e)
        {
            _log.Write($"rollback after {e.Message}");
        }
        finally
        {
            _log.Write("close");
        }
    });
}
