using Interop.Runtime.Scopes;

namespace Interop.Runtime.Tests.Scopes;

/// <summary>
/// The lesson's ExitStack example with real files: a list of names known only at run time, each opened and entered
/// into the stack, all closed in reverse order when the block ends; checked against the kernel's descriptor table.
/// </summary>
public sealed class LessonFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("interop-scopes-").FullName;
    private readonly List<string> _output = [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void FileStreams_opened_dynamically_are_closed_in_reverse_order()
    {
        var paths = Create("file1.txt", "file2.txt");

        using (var stack = new ExitStack())
        {
            var openedFiles = new List<FileStream>();
            foreach (var path in paths)
            {
                var file = stack.Enter(new ReportingFileStream(path, _output.Add));
                openedFiles.Add(file);
                _output.Add($"Opened {Path.GetFileName(file.Name)}");
            }

            _output.Add("--- All files are open, 'with' block is ending ---");
            Assert.All(paths, path => Assert.Equal(1, OpenDescriptors.On(path)));
        }

        Assert.Equal(
            ["Opened file1.txt", "Opened file2.txt", "--- All files are open, 'with' block is ending ---", "file2.txt closed", "file1.txt closed"],
            _output);
        Assert.All(paths, path => Assert.Equal(0, OpenDescriptors.On(path)));
    }

    [Fact]
    public void Native_FILE_handles_opened_dynamically_are_fclosed_in_reverse_order()
    {
        var paths = Create("file1.txt", "file2.txt", "file3.txt");

        using (var stack = new ExitStack())
        {
            foreach (var path in paths)
            {
                var file = stack.Enter(CFile.Open(path, name => _output.Add($"{name} closed")));
                _output.Add($"Opened {file.Name}");
                Assert.Equal(path, new FileInfo($"/proc/self/fd/{file.Descriptor}").LinkTarget);
            }

            _output.Add("--- All files are open, 'with' block is ending ---");
        }

        Assert.Equal(
            ["Opened file1.txt", "Opened file2.txt", "Opened file3.txt", "--- All files are open, 'with' block is ending ---",
             "file3.txt closed", "file2.txt closed", "file1.txt closed"],
            _output);
        Assert.All(paths, path => Assert.Equal(0, OpenDescriptors.On(path)));
    }

    [Fact]
    public void When_the_third_native_open_fails_the_two_already_open_are_closed()
    {
        var paths = Create("file1.txt", "file2.txt");
        var missing = Path.Combine(_folder, "missing.txt");

        var thrown = Assert.Throws<IOException>(() =>
        {
            using var stack = new ExitStack();
            stack.EnterAll<CFile>([.. paths.Append(missing).Select(path => (Func<CFile>)(() => CFile.Open(path, name => _output.Add($"{name} closed"))))]);
        });

        Assert.Contains("missing.txt", thrown.Message);
        Assert.Equal(["file2.txt closed", "file1.txt closed"], _output);
        Assert.All(paths, path => Assert.Equal(0, OpenDescriptors.On(path)));
    }

    [Fact]
    public void All_or_nothing_keeps_every_file_open_for_the_owner_until_it_is_disposed()
    {
        var paths = Create("file1.txt", "file2.txt");

        var owner = ExitStack.AllOrNothing(s => s.EnterAll<FileStream>([.. paths.Select(path => (Func<FileStream>)(() => File.OpenRead(path)))]), out var files);

        Assert.Equal(2, files.Count);
        Assert.All(paths, path => Assert.Equal(1, OpenDescriptors.On(path)));

        owner.Dispose();

        Assert.All(paths, path => Assert.Equal(0, OpenDescriptors.On(path)));
    }

    [Fact]
    public void All_or_nothing_closes_the_files_it_opened_when_a_later_one_is_missing()
    {
        var paths = Create("file1.txt", "file2.txt");
        string[] wanted = [.. paths, Path.Combine(_folder, "missing.txt")];

        Assert.Throws<FileNotFoundException>(() => ExitStack.AllOrNothing(s => s.EnterAll<FileStream>([.. wanted.Select(path => (Func<FileStream>)(() => File.OpenRead(path)))]), out _));

        Assert.All(paths, path => Assert.Equal(0, OpenDescriptors.On(path)));
    }

    private string[] Create(params string[] names)
    {
        var paths = names.Select(name => Path.Combine(_folder, name)).ToArray();
        foreach (var path in paths)
        {
            File.WriteAllText(path, Path.GetFileName(path));
        }

        return paths;
    }

    /// <summary>A real FileStream that says when it has been closed, like the lesson's mock files.</summary>
    private sealed class ReportingFileStream(string path, Action<string> output) : FileStream(path, FileMode.Open, FileAccess.Read)
    {
        protected override void Dispose(bool disposing)
        {
            var wasOpen = !SafeFileHandle.IsClosed;
            base.Dispose(disposing);
            if (disposing && wasOpen)
            {
                output($"{Path.GetFileName(Name)} closed");
            }
        }
    }
}
