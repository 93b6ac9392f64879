namespace Interop.Build.Tests.Consumers;

/// <summary>
/// A console project outside the repository that binds the C core's header, has CMake build the core, and
/// calls it through the raw, string and span forms. Its own Directory.Build.props and Directory.Packages.props
/// keep the repository's settings away, as in a user's project.
/// </summary>
internal static class CoreConsumer
{
    /// <summary>What <see cref="Program"/> prints when the bindings work.</summary>
    public static readonly string[] ExpectedOutput = ["my_add=5", "length=6", "crc=e3069283"];

    private const string Program = """
        using Consumer.Native;
        System.Console.WriteLine($"my_add={Core.my_add(2, 3)}");
        System.Console.WriteLine($"length={Core.interop_text_length("héllo")}");
        System.Console.WriteLine($"crc={Core.interop_crc32c(0, "123456789"u8):x8}");
        """;

    /// <summary>Writes the project into a new folder under <paramref name="work"/> and returns that folder.</summary>
    /// <param name="buildNative">False leaves out the CMake build of the C core, for scenarios that stop before compiling.</param>
    public static string Create(DirectoryInfo work, string name, GeneratorSource generator, ConsumerCompiler compiler, bool buildNative = true)
    {
        var root = Dotnet.Root;
        var directory = Directory.CreateDirectory(Path.Combine(work.FullName, name)).FullName;
        var cmake = buildNative ? $"<CMakeProject Include=\"{root}/\" Targets=\"interop_core\" />" : "";
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              {generator.Head}
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- No ambient accessor: the bindings need no Interop.Runtime, so only the generator is under test. -->
                <InteropAmbient>false</InteropAmbient>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                {compiler.Properties}
              </PropertyGroup>
              <ItemGroup>
                <NativeHeader Include="{root}/native/include/interop_core.h" Library="interop_core" Namespace="Consumer.Native" Class="Core" Spans="*(data,length)" SuppressGCTransition="my_add" />
                {cmake}
                {generator.Items}
                {compiler.Items}
              </ItemGroup>
              {generator.Tail}
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(work.FullName, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(work.FullName, "Directory.Packages.props"), "<Project />");
        return directory;
    }

    /// <summary>The C# the generator added to the last build (EmitCompilerGeneratedFiles), all files joined.</summary>
    public static string GeneratedSource(string directory) =>
        string.Join("\n", Directory.GetFiles(Path.Combine(directory, "obj"), "*.g.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains("Interop.Generator.BindingsGenerator", StringComparison.Ordinal))
            .Select(File.ReadAllText));
}
