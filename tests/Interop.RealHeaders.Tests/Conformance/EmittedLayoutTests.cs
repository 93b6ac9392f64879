using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Interop.RealHeaders.Tests.Catalog;
using Interop.RealHeaders.Tests.Oracle;
using Interop.RealHeaders.Tests.Usage;
using Xunit.Abstractions;

namespace Interop.RealHeaders.Tests.Conformance;

/// <summary>
/// The emitted C#, loaded and run, realizes clang's layout: each struct's runtime size is clang's
/// sizeof, and writing a bitfield property sets exactly the bytes clang's bitfield assignment sets.
/// </summary>
public sealed class EmittedLayoutTests(ITestOutputHelper output)
{
    private static readonly MethodInfo SizeOf = typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!;
    private static readonly MethodInfo BytesOfMethod = typeof(EmittedLayoutTests).GetMethod(nameof(BytesOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Runtime_struct_sizes_equal_clangs_sizeof(string id)
    {
        var bound = BoundHeader.Get(id);
        var probe = await bound.Probe;
        var assembly = UsageAssembly.Of(id);
        var mismatches = new List<Mismatch>();
        var records = bound.Model.Structs.Where(s => s.CName.Length > 0 && !s.IsOpaque).ToList();
        foreach (var record in records)
        {
            var type = assembly.GetType($"{bound.Model.Namespace}.{record.Name.TrimStart('@')}");
            var label = "sizeof " + record.CName;
            var size = type is null ? "(no such type)" : SizeOf.MakeGenericMethod(type).Invoke(null, null)!.ToString()!;
            var clangs = probe.ClangValues.GetValueOrDefault(label, "(not printed)");
            if (size != clangs)
            {
                mismatches.Add(new Mismatch($"Unsafe.SizeOf<{record.Name}>()", size, clangs));
            }
        }

        OracleAssert.NoMismatches(output, id, "runtime struct sizes", records.Count, mismatches);
    }

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public async Task Bitfield_properties_write_clangs_bits(string id)
    {
        var bound = BoundHeader.Get(id);
        var probe = await bound.Probe;
        var assembly = UsageAssembly.Of(id);
        var mismatches = new List<Mismatch>();
        var writes = probe.Items.Where(i => i.Write is not null).ToList();
        foreach (var item in writes)
        {
            var write = item.Write!;
            var type = assembly.GetType($"{bound.Model.Namespace}.{write.Struct.TrimStart('@')}");
            var property = type?.GetProperty(write.Property.TrimStart('@'));
            string ours;
            if (type is null || property is null)
            {
                ours = $"(no property {write.Struct}.{write.Property})";
            }
            else
            {
                // A boxed struct: the property setter mutates the box, whose bytes are then read.
                var instance = Activator.CreateInstance(type)!;
                property.SetValue(instance, ValueOf(property.PropertyType, write.Value));
                ours = Convert.ToHexStringLower((byte[])BytesOfMethod.MakeGenericMethod(type).Invoke(null, [instance])!);
            }

            var clangs = probe.ClangValues.GetValueOrDefault(item.Label, "(not printed)");
            if (ours != clangs)
            {
                mismatches.Add(new Mismatch($"{write.Struct}.{write.Property} = {write.Value}", ours, clangs));
            }
        }

        OracleAssert.NoMismatches(output, id, "bitfield property writes", writes.Count, mismatches);
    }

    private static byte[] BytesOf<T>(T value)
        where T : struct =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<T>(ref value)).ToArray();

    /// <summary><paramref name="value"/> as the property's type, truncated the way C truncates it.</summary>
    private static object ValueOf(Type type, long value)
    {
        if (type == typeof(bool))
        {
            return value != 0;
        }

        var integer = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
        object converted = Type.GetTypeCode(integer) switch
        {
            TypeCode.SByte => unchecked((sbyte)value),
            TypeCode.Byte => unchecked((byte)value),
            TypeCode.Int16 => unchecked((short)value),
            TypeCode.UInt16 => unchecked((ushort)value),
            TypeCode.Int32 => unchecked((int)value),
            TypeCode.UInt32 => unchecked((uint)value),
            TypeCode.Int64 => value,
            TypeCode.UInt64 => unchecked((ulong)value),
            _ => throw new NotSupportedException($"bitfield property of type {type}"),
        };
        return type.IsEnum ? Enum.ToObject(type, converted) : converted;
    }
}
