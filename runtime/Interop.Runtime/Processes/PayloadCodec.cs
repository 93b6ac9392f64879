using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Interop.Runtime.Processes;

/// <summary>
/// Turns a task argument or result into bytes and back as it crosses the process boundary.
/// Built-in codecs cover unmanaged values (<c>int</c>, <c>double</c>, your own blittable structs),
/// <see cref="string"/>, <c>byte[]</c> and arrays of primitive numbers; anything else goes through
/// <see cref="PayloadCodec.Json{T}(JsonTypeInfo{T})"/> with a source-generated <c>JsonSerializerContext</c>, so no
/// codec ever needs reflection and all of them work under Native AOT.
/// </summary>
/// <typeparam name="T">The type this codec encodes.</typeparam>
public abstract class PayloadCodec<T>
{
    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="output"/>.</summary>
    public abstract void Write(T value, IBufferWriter<byte> output);

    /// <summary>Decodes a value written by <see cref="Write"/>.</summary>
    public abstract T Read(ReadOnlySpan<byte> data);

    /// <summary>Bytes of every encoded value when that never varies (blittable values), else null: lets the pool encode a whole call in one pass.</summary>
    internal virtual int? FixedSize => null;
}

/// <summary>Factories for <see cref="PayloadCodec{T}"/>.</summary>
public static class PayloadCodec
{
    /// <summary>A codec that writes <typeparamref name="T"/> as UTF-8 JSON with source-generated metadata.</summary>
    public static PayloadCodec<T> Json<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new JsonCodec<T>(typeInfo);
    }

    /// <summary>
    /// The built-in codec for <typeparamref name="T"/>. Throws <see cref="NotSupportedException"/> for a type
    /// without one; pass <see cref="Json{T}(JsonTypeInfo{T})"/> for those.
    /// </summary>
    public static PayloadCodec<T> Default<T>()
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return new UnmanagedCodec<T>();
        }

        object? codec =
            typeof(T) == typeof(string) ? new StringCodec() :
            typeof(T) == typeof(byte[]) ? new ArrayCodec<byte>() :
            typeof(T) == typeof(int[]) ? new ArrayCodec<int>() :
            typeof(T) == typeof(long[]) ? new ArrayCodec<long>() :
            typeof(T) == typeof(float[]) ? new ArrayCodec<float>() :
            typeof(T) == typeof(double[]) ? new ArrayCodec<double>() :
            null;
        return codec as PayloadCodec<T> ?? throw new NotSupportedException(
            $"No built-in payload codec for {typeof(T)}. Pass one explicitly, e.g. PayloadCodec.Json(MyJsonContext.Default.{typeof(T).Name}).");
    }

    // Blittable values are copied byte for byte (both ends are the same program on the same machine).
    private sealed class UnmanagedCodec<T> : PayloadCodec<T>
    {
        internal override int? FixedSize => Unsafe.SizeOf<T>();

        public override void Write(T value, IBufferWriter<byte> output)
        {
            var size = Unsafe.SizeOf<T>();
            Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(output.GetSpan(size)), value);
            output.Advance(size);
        }

        public override T Read(ReadOnlySpan<byte> data)
        {
            if (data.Length != Unsafe.SizeOf<T>())
            {
                throw new InvalidDataException($"Expected {Unsafe.SizeOf<T>()} bytes for {typeof(T)}, got {data.Length}.");
            }

            return Unsafe.ReadUnaligned<T>(ref MemoryMarshal.GetReference(data));
        }
    }

    private sealed class StringCodec : PayloadCodec<string>
    {
        public override void Write(string value, IBufferWriter<byte> output)
        {
            ArgumentNullException.ThrowIfNull(value);
            Encoding.UTF8.GetBytes(value, output);
        }

        public override string Read(ReadOnlySpan<byte> data) => Encoding.UTF8.GetString(data);
    }

    private sealed class ArrayCodec<TElement> : PayloadCodec<TElement[]>
        where TElement : unmanaged
    {
        public override void Write(TElement[] value, IBufferWriter<byte> output)
        {
            ArgumentNullException.ThrowIfNull(value);
            output.Write(MemoryMarshal.AsBytes(value.AsSpan()));
        }

        public override TElement[] Read(ReadOnlySpan<byte> data) => MemoryMarshal.Cast<byte, TElement>(data).ToArray();
    }

    private sealed class JsonCodec<T>(JsonTypeInfo<T> typeInfo) : PayloadCodec<T>
    {
        public override void Write(T value, IBufferWriter<byte> output)
        {
            using var writer = new Utf8JsonWriter(output);
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        public override T Read(ReadOnlySpan<byte> data) => JsonSerializer.Deserialize(data, typeInfo)!;
    }
}
