using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Writes, in <see cref="ImportMode.DllImport"/> mode, the body the LibraryImport generator would write for
/// a friendly overload: the same stages (setup, marshal, pin, call, unmarshal, clean-up) and the same
/// marshaller types (<c>Utf8StringMarshaller</c>, <c>SafeHandleMarshaller</c>), calling the raw blittable
/// forwarder. The hand-written marshalling of every <see cref="ValueShape"/> lives here.
/// </summary>
internal static class MarshallingStub
{
    private const string Marshalling = "global::System.Runtime.InteropServices.Marshalling";

    /// <param name="w">The writer, positioned where the method goes.</param>
    /// <param name="signature">The friendly declaration without its body, e.g. <c>public static nuint f(string? s)</c>.</param>
    /// <param name="function">The function whose raw forwarder is called.</param>
    /// <param name="rawCallee">How the raw forwarder is named from here (<c>f</c> or <c>Class.f</c>).</param>
    /// <param name="returnHandle">The SafeHandle type the method returns, or null when it returns the raw type.</param>
    public static void Emit(SourceWriter w, string signature, FunctionModel function, string rawCallee, string? returnHandle)
    {
        var parameters = function.Parameters;
        var returnsValue = returnHandle is not null || function.ReturnType != "void";
        var succeeded = returnHandle is not null || parameters.Any(p => p.Shape == ValueShape.OutHandle);
        var needsTry = succeeded || parameters.Any(p => p.Shape is ValueShape.Utf8String or ValueShape.Handle);

        w.Line("[global::System.Runtime.CompilerServices.SkipLocalsInit]");
        w.Open(signature);
        if (succeeded)
        {
            w.Line("bool __invokeSucceeded = default;");
        }

        foreach (var p in parameters)
        {
            var native = Native(p);
            switch (p.Shape)
            {
                case ValueShape.OutPointer:
                    w.Line($"{p.Name} = default;");
                    break;
                case ValueShape.OutHandle:
                    w.Line($"{p.Name} = default!;");
                    w.Line($"nint {native} = default;");
                    break;
                case ValueShape.Utf8String:
                    w.Line($"byte* {native} = default;");
                    break;
                case ValueShape.Bool:
                    w.Line($"byte {native} = default;");
                    break;
                case ValueShape.Handle:
                    w.Line($"nint {native} = default;");
                    break;
            }
        }

        if (returnHandle is not null)
        {
            w.Line($"{returnHandle} __retVal = default!;");
            w.Line("nint __retVal_native = default;");
            w.Line($"{Marshalling}.SafeHandleMarshaller<{returnHandle}>.ManagedToUnmanagedOut __retVal_native__marshaller = new();");
        }
        else if (returnsValue)
        {
            w.Line($"{function.ReturnType} __retVal = default;");
        }

        // Setup: the marshallers, declared before the try so the finally can free them.
        foreach (var p in parameters)
        {
            switch (p.Shape)
            {
                case ValueShape.Utf8String:
                    w.Line($"scoped {Marshalling}.Utf8StringMarshaller.ManagedToUnmanagedIn {Native(p)}__marshaller = new();");
                    break;
                case ValueShape.Handle:
                    w.Line($"{Marshalling}.SafeHandleMarshaller<{p.HandleType}>.ManagedToUnmanagedIn {Native(p)}__marshaller = new();");
                    break;
                case ValueShape.OutHandle:
                    w.Line($"{Marshalling}.SafeHandleMarshaller<{p.HandleType}>.ManagedToUnmanagedOut {Native(p)}__marshaller = new();");
                    break;
            }
        }

        if (needsTry)
        {
            w.Open("try");
        }

        // Marshal: managed values to native ones.
        foreach (var p in parameters)
        {
            switch (p.Shape)
            {
                case ValueShape.Handle:
                    w.Line($"{Native(p)}__marshaller.FromManaged({p.Name});");
                    break;
                case ValueShape.Bool:
                    w.Line($"{Native(p)} = (byte)({p.Name} ? 1 : 0);");
                    break;
                case ValueShape.Utf8String:
                    // Short strings are encoded on the stack, as LibraryImport does; longer ones in native memory.
                    w.Line($"{Native(p)}__marshaller.FromManaged({p.Name}, stackalloc byte[{Marshalling}.Utf8StringMarshaller.ManagedToUnmanagedIn.BufferSize]);");
                    break;
            }
        }

        // Pin: out and ref arguments point straight at the caller's variables.
        var pins = parameters.Where(p => p.Shape is ValueShape.OutPointer or ValueShape.RefScalar).ToList();
        for (var i = 0; i < pins.Count; i++)
        {
            var pin = $"fixed ({pins[i].CSharpType} {Native(pins[i])} = &{pins[i].Name})";
            if (i < pins.Count - 1)
            {
                w.Line(pin);
            }
            else
            {
                w.Open(pin);
            }
        }

        foreach (var p in parameters)
        {
            if (p.Shape is ValueShape.Handle or ValueShape.Utf8String)
            {
                w.Line($"{Native(p)} = {Native(p)}__marshaller.ToUnmanaged();");
            }
        }

        var call = $"{rawCallee}({string.Join(", ", parameters.Select(Argument))})";
        w.Line(returnHandle is not null ? $"__retVal_native = (nint){call};" : returnsValue ? $"__retVal = {call};" : call + ";");
        if (pins.Count > 0)
        {
            w.Close();
        }

        if (succeeded)
        {
            w.Line();
            w.Line("__invokeSucceeded = true;");
            // Capture first, then convert: a failed conversion must still let the finally free what the callee made.
            foreach (var p in parameters.Where(p => p.Shape == ValueShape.OutHandle))
            {
                w.Line($"{Native(p)}__marshaller.FromUnmanaged({Native(p)});");
            }

            if (returnHandle is not null)
            {
                w.Line("__retVal_native__marshaller.FromUnmanaged(__retVal_native);");
            }

            foreach (var p in parameters.Where(p => p.Shape == ValueShape.OutHandle))
            {
                w.Line($"{p.Name} = {Native(p)}__marshaller.ToManaged();");
            }

            if (returnHandle is not null)
            {
                w.Line("__retVal = __retVal_native__marshaller.ToManaged();");
            }
        }

        if (needsTry)
        {
            w.Close();
            w.Open("finally");
            if (succeeded)
            {
                // Callee-allocated: a handle that was never handed to the caller is released here.
                w.Open("if (__invokeSucceeded)");
                foreach (var p in parameters.Where(p => p.Shape == ValueShape.OutHandle))
                {
                    w.Line($"{Native(p)}__marshaller.Free();");
                }

                if (returnHandle is not null)
                {
                    w.Line("__retVal_native__marshaller.Free();");
                }

                w.Close();
            }

            // Caller-allocated: strings in native memory and the references the handles took.
            var callerAllocated = parameters.Where(p => p.Shape is ValueShape.Handle or ValueShape.Utf8String).ToList();
            if (succeeded && callerAllocated.Count > 0)
            {
                w.Line();
            }

            foreach (var p in callerAllocated)
            {
                w.Line($"{Native(p)}__marshaller.Free();");
            }

            w.Close();
        }

        if (returnsValue)
        {
            w.Line();
            w.Line("return __retVal;");
        }

        w.Close();
    }

    private static string Native(ParameterModel p) => $"__{p.Name.TrimStart('@')}_native";

    /// <summary>The argument handed to the raw forwarder, in the raw parameter's own type.</summary>
    private static string Argument(ParameterModel p) => p.Shape switch
    {
        ValueShape.Raw => p.Name,
        ValueShape.Bool or ValueShape.OutPointer or ValueShape.RefScalar => Native(p),
        ValueShape.OutHandle => $"({p.CSharpType})&{Native(p)}",
        _ => $"({p.CSharpType}){Native(p)}",
    };
}
