using System.Collections.Concurrent;

namespace Interop.Runtime.Tests.Mocking;

/// <summary>
/// Makes two concurrent flows meet at named points, so that their override
/// scopes are provably open at the same time. Waiting is asynchronous, so neither flow holds a thread.
/// </summary>
public static class Rendezvous
{
    private static readonly ConcurrentDictionary<string, Meeting> Meetings = new();

    public static async Task ArriveAsync(string point, int parties = 2)
    {
        var meeting = Meetings.GetOrAdd(point, _ => new Meeting(parties));
        if (Interlocked.Decrement(ref meeting.Missing) == 0)
        {
            meeting.AllArrived.TrySetResult();
        }

        try
        {
            await meeting.AllArrived.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Nobody else reached '{point}' in 2 minutes: the other flow did not run alongside this one.");
        }
    }

    private sealed class Meeting(int parties)
    {
        public int Missing = parties;

        public TaskCompletionSource AllArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
