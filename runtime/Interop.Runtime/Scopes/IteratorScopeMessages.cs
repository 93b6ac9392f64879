namespace Interop.Runtime.Scopes;

/// <summary>The errors of iterator-made scopes, worded after Python's, shared by the sync and async kinds.</summary>
internal static class IteratorScopeMessages
{
    public const string DidNotYield = "The scope's iterator ended without yielding: a scope iterator must yield return exactly once (its setup runs before the yield).";

    public const string YieldedTwice = "The scope's iterator yielded a second time: a scope iterator must yield return exactly once (its teardown runs after the yield, in a finally).";
}
