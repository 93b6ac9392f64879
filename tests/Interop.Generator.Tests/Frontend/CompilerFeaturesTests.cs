namespace Interop.Generator.Tests.Frontend;

/// <summary>__has_* operators answer like clang 14 for what the front-end honours, and 0 otherwise.</summary>
public sealed class CompilerFeaturesTests
{
    [Theory]
    [InlineData("__has_attribute(packed)", "1")]
    [InlineData("__has_attribute(__aligned__)", "1")]
    [InlineData("__has_attribute(visibility)", "1")]
    [InlineData("__has_attribute(no_such_attribute)", "0")]
    [InlineData("__has_builtin(__builtin_expect)", "1")]
    [InlineData("__has_builtin(__builtin_nonsense)", "0")]
    [InlineData("__has_feature(c_static_assert)", "1")]
    [InlineData("__has_extension(nullability)", "1")]
    [InlineData("__has_feature(cxx_rvalue_references)", "0")]
    [InlineData("__has_c_attribute(deprecated)", "0")]
    [InlineData("__has_cpp_attribute(nodiscard)", "0")]
    public void HasOperator_AnswersLikeClangForWhatWeHonour(string expression, string expected)
    {
        var (text, diagnostics) = TestHeaders.Preprocess($"#if {expression}\nyes\n#else\nno\n#endif\n");

        Assert.Empty(diagnostics);
        Assert.Equal(expected == "1" ? "yes" : "no", text);
    }
}
