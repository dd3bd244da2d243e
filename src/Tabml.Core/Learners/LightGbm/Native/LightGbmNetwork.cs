namespace Tabml.Learners.LightGbm.Native;

/// <summary>LightGBM's own socket network for data-parallel training (process-wide in the native library).</summary>
internal static class LightGbmNetwork
{
    /// <param name="machines">host:port of every rank, comma-separated, plus "rank=I" so LightGBM need not guess the rank from local addresses.</param>
    /// <param name="timeoutMinutes">LightGBM's socket time-out, in minutes.</param>
    public static void Init(string machines, int localPort, int timeoutMinutes, int count)
    {
        LightGbmLog.EnsureRedirected();
        var code = 0;
        NativeStdout.ToStderrDuring(() => code = LightGbmApi.NetworkInit(machines, localPort, timeoutMinutes, count));
        LightGbmException.Check(code, "NetworkInit");
    }

    public static void Free() => LightGbmException.Check(LightGbmApi.NetworkFree(), "NetworkFree");
}
