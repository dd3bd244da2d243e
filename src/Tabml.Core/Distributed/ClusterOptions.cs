using System.Globalization;
using Tabml.Errors;

namespace Tabml.Distributed;

/// <summary>
/// How a process joins a training cluster: the machine list (host:port of each rank's LightGBM network
/// port, the same list on every rank), its rank, how long to wait for the others, and the port on rank 0's
/// host where the ranks agree on schema, classes and stopping (default: rank 0's port + 1000).
/// </summary>
public sealed record ClusterOptions(IReadOnlyList<(string Host, int Port)> Machines, int Rank, TimeSpan ListenTimeout, int CoordinationPort)
{
    public int World => Machines.Count;

    /// <summary>How many ranks of the list run on this rank's host (same host name): they share its cores.</summary>
    public int RanksOnThisHost => Machines.Count(m => string.Equals(m.Host, Machines[Rank].Host, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The default thread count of this rank: the host's cores divided among its ranks. LightGBM's OpenMP
    /// threads spin while they wait for the network, so oversubscribed ranks slow each other down many times.
    /// </summary>
    public int DefaultThreads(int cores) => Math.Max(1, cores / RanksOnThisHost);

    /// <summary>The machine list as LightGBM's network takes it.</summary>
    public string MachineList => string.Join(",", Machines.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Host}:{m.Port}")));

    public static ClusterOptions Parse(string machines, int rank, double listenTimeoutSeconds, int? coordinationPort)
    {
        var list = new List<(string, int)>();
        foreach (var entry in machines.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw TabmlException.Usage($"--machines: '{entry}' is not HOST:PORT");
            }

            list.Add((entry[..colon], port));
        }

        if (list.Count < 2)
        {
            throw TabmlException.Usage("--machines needs at least two HOST:PORT entries");
        }

        if (list.Distinct().Count() != list.Count)
        {
            throw TabmlException.Usage("--machines lists the same HOST:PORT twice");
        }

        if (rank < 0 || rank >= list.Count)
        {
            throw TabmlException.Usage($"--rank must be between 0 and {list.Count - 1}, got {rank}");
        }

        if (!(listenTimeoutSeconds > 0))
        {
            throw TabmlException.Usage($"--listen-timeout must be positive, got {listenTimeoutSeconds}");
        }

        var coordination = coordinationPort ?? ((list[0].Item2 + 1000 - 1) % 65535) + 1;
        return new ClusterOptions(list, rank, TimeSpan.FromSeconds(listenTimeoutSeconds), coordination);
    }
}
