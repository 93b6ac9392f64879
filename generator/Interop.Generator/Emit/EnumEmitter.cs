using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>Writes a named C enum as a C# enum whose underlying type holds every value.</summary>
internal static class EnumEmitter
{
    public static void Emit(SourceWriter w, EnumModel model)
    {
        w.Doc(model.Doc);
        w.Open($"public enum {CSharpNames.Escape(model.Name)} : {TypeText.Of(model.UnderlyingType)}");
        foreach (var member in model.Members)
        {
            w.Doc(member.Doc);
            w.Line($"{CSharpNames.Escape(member.Name)} = {member.Value},");
        }

        w.Close();
    }
}
