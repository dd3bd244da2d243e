using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tabml.Learners.LightGbm.Native;

/// <summary>
/// LightGBM writes its log to stdout, where tabml's results go (and some messages, from its network set-up,
/// ignore verbosity). Its log is routed here instead: kept only when TABML_LIGHTGBM_LOG is set, on stderr.
/// </summary>
internal static class LightGbmLog
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("TABML_LIGHTGBM_LOG") is { Length: > 0 };
    private static int _registered;

    public static unsafe void EnsureRedirected()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            LightGbmException.Check(LightGbmApi.RegisterLogCallback(&Write), "RegisterLogCallback");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void Write(byte* message)
    {
        if (Enabled)
        {
            Console.Error.Write(Marshal.PtrToStringUTF8((IntPtr)message));
        }
    }
}
