using System.Globalization;
using System.Runtime.CompilerServices;
using Interop.Runtime.Scopes;

namespace Interop.Runtime.Tests.Scopes;

/// <summary>Scopes made from iterator methods: the lesson's <c>@contextmanager</c> timer and its failure paths.</summary>
public sealed class IteratorScopeTests
{
    private readonly StringWriter _output = new() { NewLine = "\n" };
    private readonly ManualClock _clock = new();
    private readonly CleanupLog _log = new();

    [Fact]
    public void The_lesson_timer_prints_its_expected_output()
    {
        using (Scope.FromIterator(Timer("MyProcess")))
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            _output.WriteLine("Doing work...");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal("Timer 'MyProcess' started...\nDoing work...\nTimer 'MyProcess' finished in 2.00s\n", _output.ToString());
    }

    [Fact]
    public async Task The_lesson_timer_written_as_an_async_iterator_prints_the_same_output()
    {
        await using (await Scope.FromAsyncIterator(TimerAsync("MyProcess")))
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
            _output.WriteLine("Doing work...");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal("Timer 'MyProcess' started...\nDoing work...\nTimer 'MyProcess' finished in 2.00s\n", _output.ToString());
    }

    [Fact]
    public void Value_is_what_the_iterator_yielded()
    {
        using var scope = Scope.FromIterator(Connection("db"));

        Assert.Equal("connection to db", scope.Value);
        Assert.Equal(["connect db"], _log.Lines);
    }

    [Fact]
    public void When_the_body_throws_teardown_in_finally_still_runs_and_the_body_error_surfaces()
    {
        var failure = new InvalidOperationException("work failed");

        var thrown = Assert.Throws<InvalidOperationException>(void () =>
        {
            using (Scope.FromIterator(Timer("Failing")))
            {
                _clock.Advance(TimeSpan.FromSeconds(0.5));
                throw failure;
            }
        });

        Assert.Same(failure, thrown);
        Assert.Equal("Timer 'Failing' started...\nTimer 'Failing' finished in 0.50s\n", _output.ToString());
    }

    [Fact]
    public void An_iterator_that_never_yields_fails_on_enter_after_running_its_finally()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => Scope.FromIterator(NeverYields()));

        Assert.Contains("without yielding", thrown.Message);
        Assert.Equal(["setup", "finally"], _log.Lines);
    }

    [Fact]
    public void An_iterator_that_yields_twice_fails_on_dispose_after_running_its_finally()
    {
        var scope = Scope.FromIterator(YieldsTwice());

        var thrown = Assert.Throws<InvalidOperationException>(scope.Dispose);

        Assert.Contains("second time", thrown.Message);
        Assert.Equal(["setup", "between the yields", "finally"], _log.Lines);
    }

    [Fact]
    public async Task An_async_iterator_that_yields_twice_fails_on_dispose_after_running_its_finally()
    {
        var scope = await Scope.FromAsyncIterator(YieldsTwiceAsync());

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => scope.DisposeAsync().AsTask());

        Assert.Contains("second time", thrown.Message);
        Assert.Equal(["setup", "between the yields", "finally"], _log.Lines);
    }

    [Fact]
    public async Task An_async_iterator_that_never_yields_fails_on_enter()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Scope.FromAsyncIterator(NeverYieldsAsync()).AsTask());

        Assert.Contains("without yielding", thrown.Message);
        Assert.Equal(["setup", "finally"], _log.Lines);
    }

    [Fact]
    public void A_setup_failure_surfaces_from_enter_and_there_is_nothing_to_dispose()
    {
        var thrown = Assert.Throws<TimeoutException>(() => Scope.FromIterator(SetupFails()));

        Assert.Equal("cannot connect", thrown.Message);
        Assert.Equal(["finally"], _log.Lines);
    }

    [Fact]
    public void A_teardown_failure_surfaces_from_dispose()
    {
        var scope = Scope.FromIterator(TeardownFails());

        var thrown = Assert.Throws<IOException>(scope.Dispose);

        Assert.Equal("cannot flush", thrown.Message);
    }

    [Fact]
    public void Disposing_twice_runs_teardown_once()
    {
        var scope = Scope.FromIterator(Connection("db"));

        scope.Dispose();
        scope.Dispose();

        Assert.Equal(["connect db", "disconnect db"], _log.Lines);
    }

    [Fact]
    public void Iterator_scopes_compose_with_an_exit_stack_in_reverse_order()
    {
        using (var stack = new ExitStack())
        {
            foreach (var name in new[] { "a", "b", "c" })
            {
                stack.Enter(Scope.FromIterator(Connection(name)));
            }
        }

        Assert.Equal(["connect a", "connect b", "connect c", "disconnect c", "disconnect b", "disconnect a"], _log.Lines);
    }

    [Fact]
    public void Run_skips_the_code_after_the_yield_when_the_body_fails_as_Python_does()
    {
        var failure = new InvalidOperationException("work failed");

        var thrown = Assert.Throws<InvalidOperationException>(() => Scope.Run(Transaction(), _ => throw failure));

        Assert.Same(failure, thrown);
        Assert.Equal(["begin", "close"], _log.Lines);
    }

    [Fact]
    public void Run_runs_the_code_after_the_yield_when_the_body_succeeds()
    {
        Scope.Run(Transaction(), value => _log.Write($"work with {value}"));

        Assert.Equal(["begin", "work with 7", "commit", "close"], _log.Lines);
    }

    [Fact]
    public void Run_keeps_the_body_exception_when_the_teardown_throws_too()
    {
        var failure = new InvalidOperationException("work failed");

        var thrown = Assert.Throws<AggregateException>(() => Scope.Run(FinallyFails(), _ => throw failure));

        Assert.Same(failure, thrown.InnerExceptions[0]);
        Assert.Equal("cannot close", thrown.InnerExceptions[1].Message);
    }

    [Fact]
    public async Task RunAsync_skips_the_code_after_the_yield_when_the_body_fails()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => Scope.RunAsync(TransactionAsync(), _ => throw new TimeoutException()).AsTask());
        await Scope.RunAsync(TransactionAsync(), _ => ValueTask.CompletedTask);

        Assert.Equal(["begin", "close", "begin", "commit", "close"], _log.Lines);
    }

    [Fact]
    public void Under_a_plain_using_the_code_after_the_yield_runs_even_after_a_failed_body()
    {
        // The documented limit of the using form (see Scope<T>): Dispose cannot know the body failed.
        Assert.Throws<InvalidOperationException>(void () =>
        {
            using (Scope.FromIterator(Transaction()))
            {
                throw new InvalidOperationException();
            }
        });

        Assert.Equal(["begin", "commit", "close"], _log.Lines);
    }

    private IEnumerable<int> Transaction()
    {
        _log.Write("begin");
        try
        {
            yield return 7;
            _log.Write("commit");
        }
        finally
        {
            _log.Write("close");
        }
    }

    private async IAsyncEnumerable<int> TransactionAsync()
    {
        _log.Write("begin");
        try
        {
            await Task.Yield();
            yield return 7;
            _log.Write("commit");
        }
        finally
        {
            _log.Write("close");
        }
    }

    private static IEnumerable<int> FinallyFails()
    {
        try
        {
            yield return 0;
        }
        finally
        {
            throw new IOException("cannot close");
        }
    }

    // The lesson's @contextmanager timer; the clock is injected so the elapsed time is exact.
    private IEnumerable<long> Timer(string name)
    {
        _output.WriteLine($"Timer '{name}' started...");
        var start = _clock.GetTimestamp();
        try
        {
            yield return start;
        }
        finally
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Timer '{name}' finished in {_clock.GetElapsedTime(start).TotalSeconds:F2}s"));
        }
    }

    private async IAsyncEnumerable<long> TimerAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        _output.WriteLine($"Timer '{name}' started...");
        var start = _clock.GetTimestamp();
        try
        {
            yield return start;
        }
        finally
        {
            await Task.Yield();
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Timer '{name}' finished in {_clock.GetElapsedTime(start).TotalSeconds:F2}s"));
        }
    }

    private IEnumerable<string> Connection(string name)
    {
        _log.Write($"connect {name}");
        try
        {
            yield return $"connection to {name}";
        }
        finally
        {
            _log.Write($"disconnect {name}");
        }
    }

    private IEnumerable<int> NeverYields()
    {
        try
        {
            _log.Write("setup");
            yield break;
        }
        finally
        {
            _log.Write("finally");
        }
    }

    private IEnumerable<int> YieldsTwice()
    {
        try
        {
            _log.Write("setup");
            yield return 1;
            _log.Write("between the yields");
            yield return 2;
            _log.Write("never reached");
        }
        finally
        {
            _log.Write("finally");
        }
    }

    private async IAsyncEnumerable<int> YieldsTwiceAsync()
    {
        try
        {
            _log.Write("setup");
            yield return 1;
            await Task.Yield();
            _log.Write("between the yields");
            yield return 2;
            _log.Write("never reached");
        }
        finally
        {
            _log.Write("finally");
        }
    }

    private async IAsyncEnumerable<int> NeverYieldsAsync()
    {
        try
        {
            await Task.Yield();
            _log.Write("setup");
            yield break;
        }
        finally
        {
            _log.Write("finally");
        }
    }

    private IEnumerable<int> SetupFails()
    {
        try
        {
            throw new TimeoutException("cannot connect");
#pragma warning disable CS0162 // Unreachable: the method must contain a yield to be an iterator.
            yield return 0;
#pragma warning restore CS0162
        }
        finally
        {
            _log.Write("finally");
        }
    }

    private static IEnumerable<int> TeardownFails()
    {
        yield return 0;
        throw new IOException("cannot flush");
    }
}
