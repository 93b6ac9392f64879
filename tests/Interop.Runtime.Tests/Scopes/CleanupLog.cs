namespace Interop.Runtime.Tests.Scopes;

/// <summary>Records what happened, in order, so tests can compare it with an exact expected transcript.</summary>
public sealed class CleanupLog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Write(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    /// <summary>A disposable that logs "<paramref name="name"/> closed" and optionally throws when disposed.</summary>
    public Resource Open(string name, Exception? failOnDispose = null)
    {
        Write($"Opened {name}");
        return new Resource(this, name, failOnDispose);
    }

    public sealed class Resource(CleanupLog log, string name, Exception? failOnDispose) : IDisposable
    {
        public string Name { get; } = name;

        public int DisposeCount { get; private set; }

        public void Dispose()
        {
            DisposeCount++;
            log.Write($"{Name} closed");
            if (failOnDispose is not null)
            {
                throw failOnDispose;
            }
        }
    }
}
