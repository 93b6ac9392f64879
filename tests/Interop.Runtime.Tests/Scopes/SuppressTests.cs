using Interop.Runtime.Scopes;

namespace Interop.Runtime.Tests.Scopes;

/// <summary><see cref="Scope.Suppress{TException}()"/> against CPython's <c>test_contextlib.TestSuppress</c> (3.12 rules for groups).</summary>
public sealed class SuppressTests
{
    [Fact]
    public void test_no_exception_the_body_runs_to_its_end()
    {
        var ran = false;

        Scope.Suppress<FileNotFoundException>(() => ran = true);

        Assert.True(ran);
    }

    [Fact]
    public void test_exact_exception_is_suppressed()
    {
        Scope.Suppress<FileNotFoundException>(() => throw new FileNotFoundException("gone"));
    }

    [Fact]
    public void test_exception_hierarchy_a_subtype_is_suppressed()
    {
        Scope.Suppress<IOException>(() => throw new FileNotFoundException("gone"));
    }

    [Fact]
    public void test_other_exception_passes_through_as_is()
    {
        var other = new UnauthorizedAccessException("denied");

        var thrown = Assert.Throws<UnauthorizedAccessException>(() => Scope.Suppress<IOException>(() => throw other));

        Assert.Same(other, thrown);
    }

    [Fact]
    public void test_exception_groups_a_group_of_only_matching_exceptions_is_suppressed()
    {
        Scope.Suppress<IOException>(() => throw new AggregateException(new FileNotFoundException(), new AggregateException(new IOException())));
    }

    [Fact]
    public void test_exception_groups_the_rest_of_a_mixed_group_is_raised_alone()
    {
        // Python 3.12: with suppress(ValueError): raise ExceptionGroup("g", [ValueError(1), KeyError(2)]) raises a group of KeyError(2).
        var key = new KeyNotFoundException("2");

        var thrown = Assert.Throws<AggregateException>(() => Scope.Suppress<ArgumentException>(() => throw new AggregateException("g", new ArgumentException("1"), key)));

        Assert.Equal([key], thrown.InnerExceptions);
    }

    [Fact]
    public void test_exception_groups_a_group_with_nothing_matching_passes_through_as_is()
    {
        var group = new AggregateException(new KeyNotFoundException());

        var thrown = Assert.Throws<AggregateException>(() => Scope.Suppress<ArgumentException>(() => throw group));

        Assert.Same(group, thrown);
    }

    [Fact]
    public void As_an_exit_callback_it_suppresses_what_a_later_entered_cleanup_raised()
    {
        // Python: stack.enter_context(suppress(FileNotFoundError)) before a clean-up that deletes a missing file.
        var missing = Path.Combine(Path.GetTempPath(), $"interop-missing-{Guid.NewGuid():N}");

        ExitStack.Run(stack =>
        {
            stack.Push(Scope.Suppress<DirectoryNotFoundException>());
            stack.Callback(() => Directory.Delete(missing));
        });
    }
}
