using Interop.Runtime.Processes;

namespace Interop.Runtime.Tests.Processes;

/// <summary>
/// The environment a worker is started with: the pool's runtime settings for workers are defaults, so a variable the
/// user already set in the pool's own environment reaches the workers unchanged, and PoolOptions.EnvironmentVariables
/// wins over both.
/// </summary>
public class WorkerEnvironmentTests
{
    private static readonly PoolOptions NoExtras = new();

    [Fact]
    public void Pool_settings_apply_where_the_parent_environment_is_silent()
    {
        var environment = WorkerLaunch.EnvironmentFor(NoExtras, "@endpoint", "token", _ => null);

        Assert.Equal("@endpoint", environment[ProcessWorker.EndpointVariable]);
        Assert.Equal("token", environment[ProcessWorker.TokenVariable]);
        Assert.Equal("0", environment["DOTNET_TieredPGO"]);
        Assert.Equal("0", environment["DOTNET_DbgEnableMiniDump"]);
    }

    [Fact]
    public void A_variable_already_set_in_the_parent_environment_is_not_overridden()
    {
        var parent = new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "1" };

        var environment = WorkerLaunch.EnvironmentFor(NoExtras, "@endpoint", "token", name => parent.GetValueOrDefault(name));

        // Not in the worker's own table: the worker inherits the parent's "1".
        Assert.False(environment.ContainsKey("DOTNET_TieredPGO"));
        Assert.Equal("0", environment["DOTNET_gcServer"]);
    }

    [Fact]
    public void PoolOptions_environment_variables_override_the_pool_settings_and_the_parent()
    {
        var options = new PoolOptions { EnvironmentVariables = new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "1", ["DOTNET_gcServer"] = "1" } };

        var environment = WorkerLaunch.EnvironmentFor(options, "@endpoint", "token", name => name == "DOTNET_gcServer" ? "0" : null);

        Assert.Equal("1", environment["DOTNET_TieredPGO"]);
        Assert.Equal("1", environment["DOTNET_gcServer"]);
    }
}
