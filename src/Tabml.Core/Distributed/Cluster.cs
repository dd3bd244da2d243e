using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Tabml.Errors;

namespace Tabml.Distributed;

/// <summary>
/// The ranks' own coordination channel (beside LightGBM's network): every rank connects to rank 0, which
/// collects each collective's contributions, decides, and sends the result to all. A rank that disappears
/// (its connection closes) ends every other rank at once with a one-line error naming it — also while they
/// wait inside LightGBM's native code, through <c>abort</c>, which must end the process.
/// </summary>
public sealed class Cluster : IDisposable
{
    public const string FinishTopic = "finish";

    private readonly ClusterOptions _options;
    private readonly Action<string> _abort;
    private readonly MessageChannel?[] _channels;
    private readonly BlockingCollection<JsonObject>[] _inboxes;
    private readonly Lock _gate = new();
    private string? _failure;
    private bool _failureSeen;
    private volatile bool _closing;

    private Cluster(ClusterOptions options, Action<string> abort, MessageChannel?[] channels)
    {
        _options = options;
        _abort = abort;
        _channels = channels;
        _inboxes = channels.Select(_ => new BlockingCollection<JsonObject>()).ToArray();
    }

    public int Rank => _options.Rank;

    public int World => _options.World;

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the cluster to learn of a failure (a rank's connection lost)
    /// and returns its message: when LightGBM's own network fails, this names the rank that went away.
    /// </summary>
    public string? AwaitFailure(TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < wait)
        {
            lock (_gate)
            {
                if (_failure is not null)
                {
                    _failureSeen = true;
                    return _failure;
                }
            }

            Thread.Sleep(20);
        }

        return null;
    }

    /// <summary>Connects to the other ranks (rank 0 listens, the others connect), within the listen timeout.</summary>
    public static Cluster Join(ClusterOptions options, Action<string> abort)
    {
        var channels = new MessageChannel?[options.World];
        var cluster = new Cluster(options, abort, channels);
        if (options.Rank == 0)
        {
            cluster.AcceptAll();
        }
        else
        {
            cluster.ConnectToRankZero();
        }

        foreach (var (channel, rank) in channels.Select((c, r) => (c, r)).Where(x => x.c is not null))
        {
            var thread = new Thread(() => cluster.Read(channel!, rank)) { IsBackground = true, Name = $"tabml-cluster-{rank}" };
            thread.Start();
        }

        return cluster;
    }

    /// <summary>
    /// A collective: every rank gives <paramref name="local"/>; rank 0 applies <paramref name="decide"/> to all of
    /// them in rank order (a <see cref="TabmlException"/> from it ends every rank with its message) and every
    /// rank returns the decision.
    /// </summary>
    public JsonNode Exchange(string topic, JsonNode local, Func<IReadOnlyList<JsonNode>, JsonNode> decide)
    {
        if (Rank != 0)
        {
            Send(0, new JsonObject { ["type"] = "exchange", ["topic"] = topic, ["payload"] = local });
            var answer = Wait(0, topic);
            return answer["payload"]!.DeepClone();
        }

        var contributions = new JsonNode[World];
        contributions[0] = local;
        for (var rank = 1; rank < World; rank++)
        {
            contributions[rank] = Wait(rank, topic)["payload"]!.DeepClone();
        }

        JsonNode decision;
        try
        {
            decision = decide(contributions);
        }
        catch (TabmlException e)
        {
            Broadcast(new JsonObject { ["type"] = "error", ["message"] = e.Message });
            lock (_gate)
            {
                _failure = e.Message;
                _failureSeen = true;
            }

            throw;
        }

        if (topic == FinishTopic)
        {
            _closing = true;
        }

        Broadcast(new JsonObject { ["type"] = "result", ["topic"] = topic, ["payload"] = decision });
        return decision.DeepClone();
    }

    public void Dispose()
    {
        _closing = true;
        foreach (var channel in _channels)
        {
            channel?.Dispose();
        }
    }

    private void AcceptAll()
    {
        var listener = new TcpListener(IPAddress.Any, _options.CoordinationPort);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            throw Failure($"rank 0: cannot listen on coordination port {_options.CoordinationPort}: {e.Message}");
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var joined = 1;
            while (joined < World)
            {
                var left = _options.ListenTimeout - clock.Elapsed;
                var accept = listener.AcceptTcpClientAsync();
                if (left <= TimeSpan.Zero || !accept.Wait(left))
                {
                    var missing = Enumerable.Range(1, World - 1).Where(r => _channels[r] is null).Select(r => r.ToString(CultureInfo.InvariantCulture));
                    var message = $"rank {string.Join(", rank ", missing)} did not connect to rank 0 within {_options.ListenTimeout.TotalSeconds:0.#} s";
                    Broadcast(new JsonObject { ["type"] = "error", ["message"] = message });
                    throw Failure(message);
                }

                var channel = new MessageChannel(accept.Result);
                var hello = channel.Receive();
                var rank = hello?["rank"]?.GetValue<int>() ?? -1;
                var machines = hello?["machines"]?.GetValue<string>();
                if (rank < 1 || rank >= World || _channels[rank] is not null || machines != _options.MachineList)
                {
                    var problem = machines != _options.MachineList
                        ? $"rank {rank}: its --machines list differs from rank 0's"
                        : $"a process joined with an invalid or duplicate rank {rank}";
                    channel.Send(new JsonObject { ["type"] = "error", ["message"] = problem });
                    channel.Dispose();
                    Broadcast(new JsonObject { ["type"] = "error", ["message"] = problem });
                    throw Failure(problem);
                }

                _channels[rank] = channel;
                joined++;
            }

            Broadcast(new JsonObject { ["type"] = "welcome" });
        }
        finally
        {
            listener.Stop();
        }
    }

    private void ConnectToRankZero()
    {
        var host = _options.Machines[0].Host;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var client = new TcpClient();
                var left = _options.ListenTimeout - clock.Elapsed;
                if (!client.ConnectAsync(host, _options.CoordinationPort).Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero))
                {
                    client.Dispose();
                    throw new SocketException();
                }

                var channel = new MessageChannel(client);
                channel.Send(new JsonObject { ["type"] = "join", ["rank"] = Rank, ["machines"] = _options.MachineList });
                var answer = channel.Receive() ?? throw Failure("rank 0: closed the connection while ranks were joining");
                if (answer["type"]?.GetValue<string>() == "error")
                {
                    throw Failure(answer["message"]?.GetValue<string>() ?? "rank 0 refused the connection");
                }

                _channels[0] = channel;
                return;
            }
            catch (Exception e) when (e is SocketException or AggregateException or IOException)
            {
                if (clock.Elapsed >= _options.ListenTimeout)
                {
                    throw Failure($"rank {Rank}: cannot reach rank 0 at {host}:{_options.CoordinationPort} within {_options.ListenTimeout.TotalSeconds:0.#} s");
                }

                Thread.Sleep(200);
            }
        }
    }

    private void Read(MessageChannel channel, int rank)
    {
        while (true)
        {
            JsonObject? message;
            try
            {
                message = channel.Receive();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or System.Text.Json.JsonException)
            {
                message = null;
            }

            if (message is null)
            {
                if (!_closing)
                {
                    Fail(rank == 0 && Rank != 0
                        ? "rank 0: connection lost (the process ended or the network failed)"
                        : $"rank {rank}: connection lost (the process ended or the network failed)");
                }

                return;
            }

            var type = message["type"]?.GetValue<string>();
            if (type == "error")
            {
                Fail(message["message"]?.GetValue<string>() ?? "another rank failed");
                return;
            }

            if (type == "result" && message["topic"]?.GetValue<string>() == FinishTopic)
            {
                _closing = true;
            }

            _inboxes[rank].Add(message);
        }
    }

    /// <summary>Records a failure; rank 0 tells the others; when no collective picks it up soon, ends the process.</summary>
    private void Fail(string message)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return;
            }

            _failure = message;
        }

        if (Rank == 0)
        {
            Broadcast(new JsonObject { ["type"] = "error", ["message"] = message });
        }

        foreach (var inbox in _inboxes)
        {
            inbox.CompleteAdding();
        }

        Thread.Sleep(200);
        lock (_gate)
        {
            if (_failureSeen)
            {
                return;
            }
        }

        _abort(message);
    }

    private JsonObject Wait(int from, string topic)
    {
        JsonObject message;
        try
        {
            message = _inboxes[from].Take();
        }
        catch (InvalidOperationException)
        {
            lock (_gate)
            {
                _failureSeen = true;
                throw TabmlException.BadData(_failure ?? "the cluster closed");
            }
        }

        // Each connection carries the collectives in the same order on every rank.
        return message["topic"]?.GetValue<string>() == topic
            ? message
            : throw Failure($"rank {from}: sent '{message["topic"]}' while the others were at '{topic}' (do all ranks run the same command?)");
    }

    private void Send(int rank, JsonObject message)
    {
        try
        {
            _channels[rank]!.Send(message);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            throw Failure($"rank {rank}: connection lost (the process ended or the network failed)");
        }
    }

    private void Broadcast(JsonObject message)
    {
        for (var rank = 1; rank < World; rank++)
        {
            try
            {
                _channels[rank]?.Send((JsonObject)message.DeepClone());
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
                // That rank is gone already; the others still hear about the failure.
            }
        }
    }

    private TabmlException Failure(string message)
    {
        lock (_gate)
        {
            _failure ??= message;
            _failureSeen = true;
        }

        return TabmlException.BadData(message);
    }
}
