using System.Runtime.InteropServices;

namespace Tabml.Learners.LightGbm.Native;

/// <summary>A failed LightGBM C API call, with LightGBM's own message.</summary>
public sealed class LightGbmException : Exception
{
    public LightGbmException()
    {
    }

    public LightGbmException(string message)
        : base(message)
    {
    }

    public LightGbmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The one place every return code goes through: non-zero reads LGBM_GetLastError and throws.</summary>
    internal static void Check(int returnCode, string call)
    {
        if (returnCode != 0)
        {
            var message = Marshal.PtrToStringUTF8(LightGbmApi.GetLastError()) ?? "unknown error";
            throw new LightGbmException($"LightGBM {call} failed: {message}");
        }
    }
}
