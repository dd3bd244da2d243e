using System.Globalization;

namespace Tabml.Core.Tests.Fuzzing;

/// <summary>
/// The fuzz tests' size and seed: fixed in CI (the same inputs every run); a longer hunt locally with
/// TABML_FUZZ_SCALE=10 (ten times the inputs) and TABML_FUZZ_SEED=N (other inputs).
/// </summary>
internal static class FuzzScale
{
    public static int Inputs(int ci) =>
        int.TryParse(Environment.GetEnvironmentVariable("TABML_FUZZ_SCALE"), NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? ci * scale : ci;

    public static ulong Seed(ulong ci) =>
        ulong.TryParse(Environment.GetEnvironmentVariable("TABML_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? ci ^ seed : ci;
}
