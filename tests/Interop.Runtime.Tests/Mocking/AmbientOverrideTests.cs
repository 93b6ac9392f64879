using Interop.Runtime.Mocking;
using Moq;
using NSubstitute;

namespace Interop.Runtime.Tests.Mocking;

public sealed class AmbientOverrideTests
{
    // A private accessor per test, so counts of open scopes never depend on other tests.
    private readonly AmbientOverride<ICalc> _calc = new(RealCalc.Instance);

    [Fact]
    public void Current_is_the_default_when_nothing_is_overridden()
    {
        Assert.Same(RealCalc.Instance, _calc.Default);
        Assert.Same(RealCalc.Instance, _calc.Current);
    }

    [Fact]
    public void The_lesson_example_code_calling_native_is_tested_with_the_native_side_mocked()
    {
        // Python: with patch("data_fetcher.requests.get", return_value=...) as mock_get: ... mock_get.assert_called_with(...)
        var native = new Mock<ICalc>();
        native.Setup(c => c.Add(It.IsAny<int>(), It.IsAny<int>())).Returns(42);

        int total;
        using (Calc.Use(native.Object))
        {
            total = Invoice.Total(40, 2);
        }

        Assert.Equal(42, total);
        native.Verify(c => c.Add(40, 2), Times.Once);
        native.VerifyNoOtherCalls();
        Assert.Equal(5, Invoice.Total(2, 3));
    }

    [Fact]
    public void An_NSubstitute_substitute_works_as_the_override()
    {
        var fake = Substitute.For<ICalc>();
        fake.Add(2, 3).Returns(99);

        using (_calc.Use(fake))
        {
            Assert.Equal(99, _calc.Current.Add(2, 3));
        }

        fake.Received(1).Add(2, 3);
    }

    [Fact]
    public void Disposing_restores_the_default()
    {
        var scope = _calc.Use(Substitute.For<ICalc>());

        scope.Dispose();

        Assert.Same(RealCalc.Instance, _calc.Current);
    }

    [Fact]
    public void Nested_overrides_see_the_innermost_and_restore_in_reverse_order()
    {
        var outer = Substitute.For<ICalc>();
        var inner = Substitute.For<ICalc>();

        using (_calc.Use(outer))
        {
            Assert.Same(outer, _calc.Current);
            using (_calc.Use(inner))
            {
                Assert.Same(inner, _calc.Current);
            }

            Assert.Same(outer, _calc.Current);
        }

        Assert.Same(RealCalc.Instance, _calc.Current);
    }

    [Fact]
    public void Disposing_out_of_order_throws_a_clear_error_and_changes_nothing()
    {
        var outerFake = Substitute.For<ICalc>();
        var innerFake = Substitute.For<ICalc>();
        var outer = _calc.Use(outerFake);
        var inner = _calc.Use(innerFake);

        var thrown = Assert.Throws<InvalidOperationException>(outer.Dispose);

        Assert.Equal(
            "An override of ICalc was disposed while an override opened after it (inside it) is still open. " +
            "Dispose override scopes in reverse order of Use (nest them with using).",
            thrown.Message);
        Assert.Same(innerFake, _calc.Current);

        inner.Dispose();
        Assert.Same(outerFake, _calc.Current);
        outer.Dispose();
        Assert.Same(RealCalc.Instance, _calc.Current);
    }

    [Fact]
    public void The_override_is_restored_even_when_the_body_throws()
    {
        var fake = Substitute.For<ICalc>();

        Assert.Throws<DivideByZeroException>(void () =>
        {
            using (_calc.Use(fake))
            {
                throw new DivideByZeroException();
            }
        });

        Assert.Same(RealCalc.Instance, _calc.Current);
    }

    [Fact]
    public void Disposing_a_scope_twice_does_not_close_the_enclosing_one()
    {
        var outerFake = Substitute.For<ICalc>();
        using (_calc.Use(outerFake))
        {
            var inner = _calc.Use(Substitute.For<ICalc>());
            inner.Dispose();
            inner.Dispose();

            Assert.Same(outerFake, _calc.Current);
        }

        Assert.Same(RealCalc.Instance, _calc.Current);
    }

    [Fact]
    public async Task The_override_flows_into_awaited_code_and_tasks_started_inside_the_scope()
    {
        var fake = Substitute.For<ICalc>();

        using (_calc.Use(fake))
        {
            await Task.Yield();
            Assert.Same(fake, _calc.Current);
            Assert.Same(fake, await Task.Run(() => _calc.Current));
            Assert.Same(fake, await ReadAfterAwaitAsync());
        }

        Assert.Same(RealCalc.Instance, _calc.Current);
    }

    [Fact]
    public async Task A_flow_started_before_the_scope_does_not_see_the_override()
    {
        var scopeOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bystander = Task.Run(async () =>
        {
            await scopeOpen.Task;
            return _calc.Current;
        });

        using (_calc.Use(Substitute.For<ICalc>()))
        {
            scopeOpen.SetResult();
            Assert.Same(RealCalc.Instance, await bystander);
        }
    }

    [Fact]
    public async Task Two_concurrent_flows_patching_differently_each_see_their_own_fake()
    {
        var first = Substitute.For<ICalc>();
        var second = Substitute.For<ICalc>();
        using var bothPatched = new Barrier(2);

        ICalc PatchAndRead(ICalc fake)
        {
            using (_calc.Use(fake))
            {
                bothPatched.SignalAndWait(TimeSpan.FromMinutes(1));
                var seen = _calc.Current;
                bothPatched.SignalAndWait(TimeSpan.FromMinutes(1));
                return seen;
            }
        }

        var seen = await Task.WhenAll(
            Task.Factory.StartNew(() => PatchAndRead(first), TaskCreationOptions.LongRunning),
            Task.Factory.StartNew(() => PatchAndRead(second), TaskCreationOptions.LongRunning));

        Assert.Same(first, seen[0]);
        Assert.Same(second, seen[1]);
        Assert.Same(RealCalc.Instance, _calc.Current);
    }

    [Fact]
    public async Task Work_that_outlives_its_scope_sees_the_enclosing_value_once_the_scope_is_closed()
    {
        var outerFake = Substitute.For<ICalc>();
        var scopeClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<ICalc> straggler;

        using (_calc.Use(outerFake))
        {
            using (_calc.Use(Substitute.For<ICalc>()))
            {
                straggler = Task.Run(async () =>
                {
                    await scopeClosed.Task;
                    return _calc.Current;
                });
            }

            scopeClosed.SetResult();
            Assert.Same(outerFake, await straggler);
        }
    }

    [Fact]
    public async Task A_scope_disposed_from_another_flow_is_hidden_everywhere()
    {
        var fake = Substitute.For<ICalc>();
        var scope = _calc.Use(fake);

        await Task.Run(scope.Dispose);

        Assert.Same(RealCalc.Instance, _calc.Current);
    }

    [Fact]
    public void Use_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => _calc.Use(null!));
        Assert.Throws<ArgumentNullException>(() => new AmbientOverride<ICalc>(null!));
    }

    private async Task<ICalc> ReadAfterAwaitAsync()
    {
        await Task.Delay(1);
        return _calc.Current;
    }
}
