using Interop.Generator.Emit.Parameters;
using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Writes, in <see cref="ImportMode.DllImport"/> mode, the body the LibraryImport generator would write for
/// a friendly overload: the same stages (setup, marshal, pin, call, unmarshal, clean-up) and the same
/// marshaller types (<c>Utf8StringMarshaller</c>, <c>SafeHandleMarshaller</c>), calling the raw blittable
/// forwarder. The stages are here; what each <see cref="ValueShape"/> writes in them is its <see cref="ParameterShape"/>.
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
        var parameters = function.Parameters.Select(p => (Model: p, Shape: ParameterShapes.Of(p))).ToList();
        var returnsValue = returnHandle is not null || !function.ReturnType.IsVoid;
        var succeeded = returnHandle is not null || parameters.Any(p => p.Shape.OwnsCalleeResult);
        var needsTry = succeeded || parameters.Any(p => p.Shape.FreesAfterCall);

        w.Line("[global::System.Runtime.CompilerServices.SkipLocalsInit]");
        w.Open(signature);
        if (succeeded)
        {
            w.Line("bool __invokeSucceeded = default;");
        }

        foreach (var (p, shape) in parameters)
        {
            shape.DeclareLocals(w, p);
        }

        if (returnHandle is not null)
        {
            w.Line($"{returnHandle} __retVal = default!;");
            w.Line("nint __retVal_native = default;");
            w.Line($"{Marshalling}.SafeHandleMarshaller<{returnHandle}>.ManagedToUnmanagedOut __retVal_native__marshaller = new();");
        }
        else if (returnsValue)
        {
            w.Line($"{TypeText.Of(function.ReturnType)} __retVal = default;");
        }

        // Setup: the marshallers, declared before the try so the finally can free them.
        foreach (var (p, shape) in parameters)
        {
            shape.DeclareMarshaller(w, p);
        }

        if (needsTry)
        {
            w.Open("try");
        }

        // Marshal: managed values to native ones.
        foreach (var (p, shape) in parameters)
        {
            shape.Marshal(w, p);
        }

        // Pin: out and ref arguments point straight at the caller's variables.
        var pins = parameters.Select(p => p.Shape.Pin(p.Model)).OfType<string>().ToList();
        for (var i = 0; i < pins.Count; i++)
        {
            if (i < pins.Count - 1)
            {
                w.Line(pins[i]);
            }
            else
            {
                w.Open(pins[i]);
            }
        }

        foreach (var (p, shape) in parameters)
        {
            shape.ToUnmanaged(w, p);
        }

        var call = $"{rawCallee}({string.Join(", ", parameters.Select(p => p.Shape.StubArgument(p.Model)))})";
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
            foreach (var (p, shape) in parameters)
            {
                shape.CaptureResult(w, p);
            }

            if (returnHandle is not null)
            {
                w.Line("__retVal_native__marshaller.FromUnmanaged(__retVal_native);");
            }

            foreach (var (p, shape) in parameters)
            {
                shape.ToManaged(w, p);
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
                foreach (var (p, shape) in parameters)
                {
                    shape.FreeCalleeResult(w, p);
                }

                if (returnHandle is not null)
                {
                    w.Line("__retVal_native__marshaller.Free();");
                }

                w.Close();
            }

            // Caller-allocated: strings in native memory and the references the handles took.
            var callerAllocated = parameters.Where(p => p.Shape.FreesAfterCall).ToList();
            if (succeeded && callerAllocated.Count > 0)
            {
                w.Line();
            }

            foreach (var (p, shape) in callerAllocated)
            {
                shape.FreeAfterCall(w, p);
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
}
