using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tabml.Cli.Tests.Distributed;

/// <summary>Runs the tabml command line as separate processes (LightGBM's network is process-wide).</summary>
internal static class TabmlProcess
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "tabml.dll");

    public static RunningTabml Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["CI"] = "true";
        var clock = Stopwatch.StartNew();
        return new RunningTabml(Process.Start(info) ?? throw new InvalidOperationException("cannot start tabml"), clock);
    }

    /// <summary>Waits for the process (killing it after <paramref name="timeout"/>) and returns exit code, stdout, stderr, seconds.</summary>
    public static (int Code, string Out, string Error, double Seconds) Finish(RunningTabml running, TimeSpan timeout)
    {
        var process = running.Process;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, output.Result, error.Result + "\n(killed: timed out)", running.Clock.Elapsed.TotalSeconds);
        }

        process.WaitForExit();
        var seconds = running.Clock.Elapsed.TotalSeconds;
        return (process.ExitCode, output.Result, error.Result, seconds);
    }

    /// <summary>Ports free right now (the OS picks them), for one test's ranks and coordination.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var l in listeners)
        {
            l.Start();
        }

        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners)
        {
            l.Stop();
        }

        return ports;
    }
}

/// <summary>A started tabml process and the time since it started.</summary>
internal sealed record RunningTabml(Process Process, Stopwatch Clock);
