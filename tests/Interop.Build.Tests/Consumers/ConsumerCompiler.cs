namespace Interop.Build.Tests.Consumers;

/// <summary>
/// The C# compiler a consumer is built with: the SDK's own, or a Microsoft.Net.Compilers.Toolset package.
/// <paramref name="Properties"/> and <paramref name="Items"/> go into the consumer's project file.
/// </summary>
internal sealed record ConsumerCompiler(string Name, string Properties, string Items)
{
    public static ConsumerCompiler Sdk { get; } = new("the SDK's compiler", "", "");

    /// <summary>
    /// The compiler of a toolset package. The .NET 10 SDK points the build back at its own compiler unless
    /// <c>RoslynCompilerType</c> is set (toolset packages older than that SDK do not set it themselves).
    /// </summary>
    public static ConsumerCompiler Toolset(string version) => new(
        $"Microsoft.Net.Compilers.Toolset {version}",
        "<RoslynCompilerType>Custom</RoslynCompilerType>",
        $"<PackageReference Include=\"Microsoft.Net.Compilers.Toolset\" Version=\"{version}\" PrivateAssets=\"all\" />");

    public override string ToString() => Name;
}
