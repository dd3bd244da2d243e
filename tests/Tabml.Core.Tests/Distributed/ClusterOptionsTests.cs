using Tabml.Distributed;
using Tabml.Errors;

namespace Tabml.Core.Tests.Distributed;

public sealed class ClusterOptionsTests
{
    [Fact]
    public void Parses_the_machine_list_and_defaults_the_coordination_port_to_rank_0s_port_plus_1000()
    {
        var cluster = ClusterOptions.Parse("10.0.0.1:12400, 10.0.0.2:12400", rank: 1, listenTimeoutSeconds: 30, coordinationPort: null);

        Assert.Equal([("10.0.0.1", 12400), ("10.0.0.2", 12400)], cluster.Machines);
        Assert.Equal(2, cluster.World);
        Assert.Equal("10.0.0.1:12400,10.0.0.2:12400", cluster.MachineList);
        Assert.Equal(13400, cluster.CoordinationPort);
        Assert.Equal(TimeSpan.FromSeconds(30), cluster.ListenTimeout);
    }

    [Theory]
    [InlineData("10.0.0.1:12400", 0, "at least two")]
    [InlineData("10.0.0.1:12400,10.0.0.1:12400", 0, "twice")]
    [InlineData("10.0.0.1,10.0.0.2:12400", 0, "'10.0.0.1' is not HOST:PORT")]
    [InlineData("10.0.0.1:0,10.0.0.2:12400", 0, "is not HOST:PORT")]
    [InlineData("10.0.0.1:12400,10.0.0.2:12400", 2, "--rank must be between 0 and 1, got 2")]
    public void A_bad_machine_list_or_rank_is_a_usage_error(string machines, int rank, string message)
    {
        var error = Assert.Throws<TabmlException>(() => ClusterOptions.Parse(machines, rank, 10, null));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranks_on_one_host_divide_its_cores_between_them()
    {
        var loopback = ClusterOptions.Parse("127.0.0.1:12400,127.0.0.1:12401,127.0.0.1:12402", rank: 2, 10, null);
        var spread = ClusterOptions.Parse("node1:12400,node2:12400,node3:12400", rank: 0, 10, null);

        Assert.Equal(3, loopback.RanksOnThisHost);
        Assert.Equal(2, loopback.DefaultThreads(cores: 8));
        Assert.Equal(1, loopback.DefaultThreads(cores: 2)); // never below one thread
        Assert.Equal(1, spread.RanksOnThisHost);
        Assert.Equal(16, spread.DefaultThreads(cores: 16));
    }
}
