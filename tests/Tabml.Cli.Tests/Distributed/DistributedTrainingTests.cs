using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Tabml.Cli.Tests.Distributed;

/// <summary>
/// Data-parallel LightGBM over 2 and 3 processes on loopback, bounded in time: the model matches a single
/// process on the same rows, every rank writes the same bundle, and each failure ends every rank with a
/// one-line error naming the rank, exit code 2.
/// </summary>
[Collection("distributed")]
public sealed class DistributedTrainingTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranks_train_one_model_with_identical_bundles_and_the_accuracy_of_one_process(int ranks)
    {
        var (train, test) = TrainTest();
        var parts = Partition(train, ranks);
        var (machines, coordination) = Cluster(ranks);

        var processes = Enumerable.Range(0, ranks).Select(r => TabmlProcess.Start(_files.Scratch, Args(parts[r], machines, r, coordination, 20, $"rank{r}.tabml", "--json"))).ToArray();
        var results = processes.Select(p => TabmlProcess.Finish(p, Bound)).ToArray();

        Assert.All(results, r => Assert.True(r.Code == 0, r.Error));
        var bundles = Enumerable.Range(0, ranks).Select(r => File.ReadAllBytes(_files.PathOf($"rank{r}.tabml"))).ToArray();
        Assert.All(bundles, b => Assert.Equal(bundles[0], b));
        using (var json = JsonDocument.Parse(results[0].Out))
        {
            Assert.Equal(ranks, json.RootElement.GetProperty("ranks").GetInt32());
        }

        var single = CliRunner.Run("train", train, "--target", "Class", "--models", "lightgbm", "--out", _files.PathOf("single.tabml"), "--threads", "1", "-q");
        Assert.Equal(0, single.ExitCode);
        var distributedError = TestError(_files.PathOf("rank0.tabml"), test);
        var singleError = TestError(_files.PathOf("single.tabml"), test);
        Assert.True(Math.Abs(distributedError - singleError) < 0.03, $"distributed {distributedError} vs single {singleError}");
    }

    [Fact]
    public void A_rank_that_never_connects_ends_the_others_within_the_listen_timeout()
    {
        var (train, _) = TrainTest();
        var parts = Partition(train, 2);
        var (machines, coordination) = Cluster(3);

        // Without --threads: the three ranks listed on 127.0.0.1 divide this host's cores (and say so).
        var processes = Enumerable.Range(0, 2).Select(r => TabmlProcess.Start(_files.Scratch, WithoutThreads(Args(parts[r], machines, r, coordination, 4, null)))).ToArray();
        var results = processes.Select(p => TabmlProcess.Finish(p, Bound)).ToArray();

        Assert.All(results, r => AssertOneLineError(r, "rank 2 did not connect to rank 0 within 4 s"));
        Assert.All(results, r => Assert.True(r.Seconds < 4 + 15, $"took {r.Seconds} s"));
        var threads = Math.Max(1, Environment.ProcessorCount / 3);
        Assert.All(results, r => Assert.Contains($"3 ranks share this host: {threads} thread(s) each", r.Error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_port_in_use_ends_every_rank_naming_the_rank()
    {
        var (train, _) = TrainTest();
        var parts = Partition(train, 2);
        var (machines, coordination) = Cluster(2);
        var busy = new TcpListener(IPAddress.Any, int.Parse(machines.Split(',')[1].Split(':')[1], CultureInfo.InvariantCulture));
        busy.Start();
        try
        {
            var processes = Enumerable.Range(0, 2).Select(r => TabmlProcess.Start(_files.Scratch, Args(parts[r], machines, r, coordination, 10, null))).ToArray();
            var results = processes.Select(p => TabmlProcess.Finish(p, Bound)).ToArray();

            Assert.All(results, r => AssertOneLineError(r, "rank 1: port"));
            Assert.All(results, r => Assert.Contains("is not available", r.Error, StringComparison.Ordinal));
        }
        finally
        {
            busy.Stop();
        }
    }

    [Fact]
    public void A_partition_with_other_columns_ends_every_rank_naming_the_rank_and_the_columns()
    {
        var (train, _) = TrainTest();
        var parts = Partition(train, 2);
        var lines = File.ReadAllLines(parts[1]).Select(l => string.Join(',', l.Split(',').Skip(1))).ToArray();
        File.WriteAllLines(parts[1], lines);
        var (machines, coordination) = Cluster(2);

        var processes = Enumerable.Range(0, 2).Select(r => TabmlProcess.Start(_files.Scratch, Args(parts[r], machines, r, coordination, 10, null))).ToArray();
        var results = processes.Select(p => TabmlProcess.Finish(p, Bound)).ToArray();

        Assert.All(results, r => AssertOneLineError(r, "rank 1: the partition's columns differ from rank 0's: missing 'V1'"));
    }

    [Fact]
    public void A_rank_that_dies_during_training_ends_the_others_naming_it()
    {
        var train = _files.Dataset("adult.csv");
        var parts = Partition(train, 2);
        var (machines, coordination) = Cluster(2);

        var survivor = TabmlProcess.Start(_files.Scratch, Args(parts[0], machines, 0, coordination, 30, null, "--target", "income"));
        var victim = TabmlProcess.Start(_files.Scratch, Args(parts[1], machines, 1, coordination, 30, null, "--target", "income"));
        WaitForTraining(victim.Process);
        victim.Process.Kill();
        var result = TabmlProcess.Finish(survivor, Bound);

        AssertOneLineError(result, "rank 1: connection lost");
    }

    private static void WaitForTraining(Process process)
    {
        // The rank prints its agreed schema just before LightGBM's network starts; kill it a moment later.
        var clock = Stopwatch.StartNew();
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null && clock.Elapsed < Bound)
        {
            if (line.Contains("agreed schema", StringComparison.Ordinal))
            {
                Thread.Sleep(1500);
                return;
            }
        }
    }

    private static void AssertOneLineError((int Code, string Out, string Error, double Seconds) result, string expected)
    {
        Assert.Equal(2, result.Code);
        var errors = result.Error.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        var line = Assert.Single(errors);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private static string[] Args(string data, string machines, int rank, int coordination, int timeout, string? output, params string[] extra)
    {
        var args = new List<string> { "train", data, "--models", "lightgbm", "--machines", machines, "--rank", rank.ToString(CultureInfo.InvariantCulture), "--coordination-port", coordination.ToString(CultureInfo.InvariantCulture), "--listen-timeout", timeout.ToString(CultureInfo.InvariantCulture), "--threads", "1" };
        if (output is not null)
        {
            args.AddRange(["--out", output]);
        }

        if (!extra.Contains("--target"))
        {
            args.AddRange(["--target", "Class"]);
        }

        args.AddRange(extra);
        return args.ToArray();
    }

    private static string[] WithoutThreads(string[] args)
    {
        var at = Array.IndexOf(args, "--threads");
        return [.. args[..at], .. args[(at + 2)..]];
    }

    private static (string Machines, int Coordination) Cluster(int ranks)
    {
        var ports = TabmlProcess.FreePorts(ranks + 1);
        return (string.Join(',', ports.Take(ranks).Select(p => $"127.0.0.1:{p}")), ports[^1]);
    }

    private (string Train, string Test) TrainTest()
    {
        var lines = File.ReadAllLines(_files.Dataset("phoneme.csv"));
        var rows = lines.Skip(1).ToArray();
        var test = rows.Where((_, i) => i % 5 == 0).ToArray();
        var train = rows.Where((_, i) => i % 5 != 0).ToArray();
        return (_files.Write("train.csv", string.Join('\n', train.Prepend(lines[0])) + "\n"), _files.Write("test.csv", string.Join('\n', test.Prepend(lines[0])) + "\n"));
    }

    private string[] Partition(string path, int parts)
    {
        var result = CliRunner.Run("split-csv", path, "--parts", parts.ToString(CultureInfo.InvariantCulture), "--out-dir", _files.PathOf($"parts{parts}-{Guid.NewGuid():N}"));
        Assert.Equal(0, result.ExitCode);
        return result.Out.Trim().Split('\n');
    }

    private static double TestError(string model, string test)
    {
        var result = CliRunner.Run("evaluate", model, test, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        return json.RootElement.GetProperty("error").GetDouble();
    }
}
