using System.Runtime.InteropServices;

namespace Tabml.Learners.LightGbm.Native;

/// <summary>
/// Sends the native stdout (file descriptor 1) to stderr for the length of a call. LightGBM's network
/// threads log to stdout whatever the verbosity and the log callback (both are per thread in LightGBM),
/// and tabml's stdout carries results (--json). Unix only; elsewhere the call runs unchanged.
/// </summary>
internal static partial class NativeStdout
{
    public static void ToStderrDuring(Action call)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            call();
            return;
        }

        Console.Out.Flush();
        var saved = Dup(1);
        if (saved < 0 || Dup2(2, 1) < 0)
        {
            call();
            return;
        }

        try
        {
            call();
        }
        finally
        {
            // Restoring can only fail if descriptor 1 was closed meanwhile; nothing better to do then.
            _ = Dup2(saved, 1);
            _ = Close(saved);
        }
    }

    [LibraryImport("libc", EntryPoint = "dup")]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int fd, int fd2);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
