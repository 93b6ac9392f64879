using System.IO.MemoryMappedFiles;

namespace Interop.Runtime.Processes;

/// <summary>
/// A block of memory mapped into several processes, found by <see cref="Name"/>. On Linux the backing
/// file in /dev/shm is unlinked the moment it is created and other processes open it through the
/// creator's descriptor (<c>/proc/&lt;pid&gt;/fd/&lt;fd&gt;</c>), so nothing is left behind even if every
/// process is SIGKILLed; the region lives as long as the creator or any process mapping it. Elsewhere
/// it is a temporary file the creator deletes on dispose.
/// </summary>
internal sealed unsafe class SharedMemoryRegion : IDisposable
{
    private readonly FileStream _file;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly string? _deleteOnDispose;
    private byte* _pointer;

    private SharedMemoryRegion(FileStream file, long length, string name, string? deleteOnDispose)
    {
        _file = file;
        _map = MemoryMappedFile.CreateFromFile(file, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
        _view = _map.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
        _pointer += _view.PointerOffset;
        Length = length;
        Name = name;
        _deleteOnDispose = deleteOnDispose;
    }

    public string Name { get; }

    public long Length { get; }

    public byte* Pointer => _pointer != null ? _pointer : throw new ObjectDisposedException(nameof(SharedMemoryRegion));

    /// <summary>Creates a zero-filled region of <paramref name="length"/> bytes.</summary>
    public static SharedMemoryRegion Create(long length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var directory = OperatingSystem.IsLinux() && Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var path = Path.Combine(directory, $"interop-shared-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            file.SetLength(length);
            if (OperatingSystem.IsLinux())
            {
                var descriptor = file.SafeFileHandle.DangerousGetHandle().ToInt64();
                File.Delete(path);
                return new SharedMemoryRegion(file, length, $"/proc/{Environment.ProcessId}/fd/{descriptor}", null);
            }

            return new SharedMemoryRegion(file, length, path, path);
        }
        catch
        {
            file.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Maps the region another process created.</summary>
    public static SharedMemoryRegion Open(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var file = new FileStream(name, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return new SharedMemoryRegion(file, file.Length, name, null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_pointer == null)
        {
            return;
        }

        _pointer = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
        _file.Dispose();
        if (_deleteOnDispose is not null)
        {
            File.Delete(_deleteOnDispose);
        }
    }
}
