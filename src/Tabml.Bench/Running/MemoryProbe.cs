using System.Globalization;

namespace Tabml.Bench.Running;

/// <summary>
/// The process's peak resident memory over a window (Linux: reset VmHWM via /proc/self/clear_refs, read it
/// after). With several jobs in one process the peak covers everything running at the time.
/// </summary>
public static class MemoryProbe
{
    public static void Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Not Linux, or not allowed: the peak then covers the process lifetime.
        }
    }

    /// <summary>Peak resident set in MB since the last reset, or null when unknown.</summary>
    public static double? PeakMb() => Read("VmHWM:");

    /// <summary>The resident set now, in MB, or null when unknown.</summary>
    public static double? CurrentMb() => Read("VmRSS:");

    private static double? Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var kb = double.Parse(line[field.Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }

        return null;
    }
}
