using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary>
/// Everything the emitter writes for one <see cref="ValueShape"/>, in one place: the parameter of the friendly
/// <c>[LibraryImport]</c> overload, the facade's parameter and the argument its forwarder passes, the facade's
/// return conversion, and each stage of the marshalling stub that stands in for LibraryImport on older compilers
/// (<see cref="MarshallingStub"/>: declare, set up, marshal, pin, call, unmarshal, clean up).
/// A stage a shape does not take part in writes nothing. To add a shape: a <see cref="ValueShape"/> member and the
/// rule that picks it (Model/BindingBuilder), a subclass here, and its line in <see cref="ParameterShapes"/>.
/// </summary>
internal abstract class ParameterShape
{
    // ---- the friendly overload ----

    /// <summary>The parameter as the friendly overload declares it, e.g. <c>string? path</c>.</summary>
    public abstract string FriendlyDeclaration(ParameterModel p);

    /// <summary>The argument passing this parameter on to the friendly overload from a method that declares it the same way (<c>out x</c>).</summary>
    public virtual string FriendlyArgument(ParameterModel p) => Id(p);

    /// <summary>Whether LibraryImport must be told <c>StringMarshalling = Utf8</c> for this parameter.</summary>
    public virtual bool NeedsUtf8StringMarshalling => false;

    // ---- the mockable facade ----

    /// <summary>The parameter as the facade interface declares it: never a pointer, so Moq and NSubstitute can match it.</summary>
    public abstract string FacadeDeclaration(ParameterModel p);

    /// <summary>
    /// The argument the facade's forwarder passes to the overload it calls, given a fresh local name; lines to run
    /// before and after the call (copy in, copy out) go to <paramref name="before"/> and <paramref name="after"/>.
    /// </summary>
    public abstract string FacadeArgument(ParameterModel p, string local, List<string> before, List<string> after);

    /// <summary>Whether the span rule may turn this parameter into a facade <c>Memory&lt;T&gt;</c>.</summary>
    public virtual bool CanBeFacadeBuffer => false;

    /// <summary>The argument for a facade buffer pinned to <paramref name="local"/> (a <c>T*</c>).</summary>
    public virtual string FacadeBufferArgument(string local) => local;

    /// <summary>The facade's return type for a function returning <paramref name="raw"/> in this shape.</summary>
    public virtual string FacadeReturnType(TypeRef raw) => FacadeTypes.Text(raw);

    /// <summary>The facade's conversion of the <paramref name="call"/>'s raw result.</summary>
    public virtual string FacadeReturn(TypeRef raw, string call) => FacadeTypes.FromNative(raw, call);

    // ---- the marshalling stub (ImportMode.DllImport), stage by stage ----

    /// <summary>Locals the stub declares first: the native value, and the defaults an out parameter must have.</summary>
    public virtual void DeclareLocals(SourceWriter w, ParameterModel p)
    {
    }

    /// <summary>The marshaller, declared before the <c>try</c> so the <c>finally</c> can free it.</summary>
    public virtual void DeclareMarshaller(SourceWriter w, ParameterModel p)
    {
    }

    /// <summary>The callee hands back something the stub must free if the call's result never reaches the caller.</summary>
    public virtual bool OwnsCalleeResult => false;

    /// <summary>The stub allocates or references something for the call that it frees afterwards, whatever happens.</summary>
    public virtual bool FreesAfterCall => false;

    /// <summary>Converts the managed value to its native form, inside the <c>try</c>.</summary>
    public virtual void Marshal(SourceWriter w, ParameterModel p)
    {
    }

    /// <summary>A <c>fixed</c> statement pinning the caller's variable for the call, or null.</summary>
    public virtual string? Pin(ParameterModel p) => null;

    /// <summary>Takes the native value from the marshaller, inside the pins.</summary>
    public virtual void ToUnmanaged(SourceWriter w, ParameterModel p)
    {
    }

    /// <summary>The argument handed to the raw forwarder, in the raw parameter's own type.</summary>
    public abstract string StubArgument(ParameterModel p);

    /// <summary>After a successful call: hands what the callee returned to the marshaller (before any conversion can fail).</summary>
    public virtual void CaptureResult(SourceWriter w, ParameterModel p)
    {
    }

    /// <summary>After a successful call: converts the captured result to the managed out value.</summary>
    public virtual void ToManaged(SourceWriter w, ParameterModel p)
    {
    }

    /// <summary>In the <c>finally</c>, when the call succeeded: frees what the callee returned unless it reached the caller.</summary>
    public virtual void FreeCalleeResult(SourceWriter w, ParameterModel p)
    {
    }

    /// <summary>In the <c>finally</c>: frees what the stub allocated or referenced for the call.</summary>
    public virtual void FreeAfterCall(SourceWriter w, ParameterModel p)
    {
    }

    // ---- spellings shared by the shapes ----

    /// <summary>The parameter's name as C# source (a keyword gets <c>@</c>).</summary>
    protected static string Id(ParameterModel p) => CSharpNames.Escape(p.Name);

    /// <summary>The stub's local holding the native value, named as LibraryImport names it.</summary>
    protected static string Native(ParameterModel p) => $"__{p.Name}_native";

    protected const string Marshalling = "global::System.Runtime.InteropServices.Marshalling";
}
