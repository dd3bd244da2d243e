using System.Runtime.Intrinsics;

namespace Tabml.Numerics.Simd;

/// <summary>
/// Chooses the kernels' instruction set at run time: the widest the hardware accelerates, unless the
/// environment variable TABML_SIMD (scalar, v256, v512) asks for a narrower one. Tests call the kernels
/// with each available level explicitly.
/// </summary>
public static class SimdSupport
{
    public const string EnvironmentVariable = "TABML_SIMD";

    /// <summary>The level the public kernels use in this process.</summary>
    public static SimdLevel Active { get; } = Choose(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Every level this machine can run, narrowest first.</summary>
    public static IReadOnlyList<SimdLevel> Available { get; } = Enum.GetValues<SimdLevel>().Where(IsAvailable).ToArray();

    public static bool IsAvailable(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => Vector512.IsHardwareAccelerated,
        SimdLevel.Vector256 => Vector256.IsHardwareAccelerated,
        _ => true,
    };

    /// <summary>The level that actually runs for a requested one: the widest available level not above it.</summary>
    public static SimdLevel Effective(SimdLevel requested)
    {
        while (requested > SimdLevel.Scalar && !IsAvailable(requested))
        {
            requested--;
        }

        return requested;
    }

    /// <summary>The register width in bits of a level (32 for scalar code), as recorded in model facts.</summary>
    public static int Bits(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => 512,
        SimdLevel.Vector256 => 256,
        _ => 32,
    };

    internal static SimdLevel Choose(string? requested)
    {
        var widest = Vector512.IsHardwareAccelerated ? SimdLevel.Vector512
            : Vector256.IsHardwareAccelerated ? SimdLevel.Vector256
            : SimdLevel.Scalar;
        var wanted = requested?.Trim().ToUpperInvariant() switch
        {
            "SCALAR" => SimdLevel.Scalar,
            "V256" or "VECTOR256" or "AVX2" => SimdLevel.Vector256,
            "V512" or "VECTOR512" or "AVX512" => SimdLevel.Vector512,
            _ => widest,
        };
        return wanted <= widest ? wanted : widest;
    }
}
