using Interop.Generator.Diagnostics;

namespace Interop.Generator.Frontend;

/// <summary>A <c>#define</c>: object-like when <see cref="Parameters"/> is null.</summary>
internal sealed class MacroDefinition
{
    public MacroDefinition(string name, IReadOnlyList<string>? parameters, bool isVariadic, IReadOnlyList<Token> body, SourceLocation location, string? doc)
    {
        Name = name;
        Parameters = parameters;
        IsVariadic = isVariadic;
        Body = body;
        Location = location;
        Doc = doc;
    }

    public string Name { get; }
    public IReadOnlyList<string>? Parameters { get; }
    public bool IsVariadic { get; }
    public IReadOnlyList<Token> Body { get; }
    public SourceLocation Location { get; }
    public string? Doc { get; }

    public bool IsFunctionLike => Parameters is not null;

    /// <summary>Index of a parameter name, counting <c>__VA_ARGS__</c> (or a GNU named variadic) last.</summary>
    public int ParameterIndex(string name)
    {
        if (Parameters is null)
        {
            return -1;
        }

        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
