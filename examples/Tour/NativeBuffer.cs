using System.Runtime.InteropServices;

namespace Tour;

/// <summary>
/// Native memory owned by a <see cref="SafeHandle"/>: freed exactly once, by <c>Dispose</c> or, if forgotten, by the
/// finalizer. The generator writes the same kind of class for a C library's create/destroy pairs
/// (<c>Handles="sqlite3=sqlite3_close"</c> gives <c>sqlite3Handle</c>); the C core has no such pair, so the tour
/// writes its own over <c>malloc</c>/<c>free</c>.
/// </summary>
internal sealed unsafe class NativeBuffer : SafeHandle
{
    private readonly Action<string>? _released;

    private NativeBuffer(string name, nuint length, Action<string>? released) : base(nint.Zero, ownsHandle: true)
    {
        Name = name;
        Length = length;
        _released = released;
        SetHandle((nint)NativeMemory.AllocZeroed(length));
    }

    public string Name { get; }

    public nuint Length { get; }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Allocates <paramref name="length"/> zeroed bytes; <paramref name="released"/> hears the name once freed.</summary>
    public static NativeBuffer Allocate(string name, nuint length, Action<string>? released = null) => new(name, length, released);

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        _released?.Invoke(Name);
        return true;
    }
}
