namespace Interop.Runtime.Tests.Streaming;

/// <summary>A temporary folder deleted with the test class.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("interop-streaming-").FullName;

    public string File(string name, ReadOnlySpan<byte> content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, content.ToArray());
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
