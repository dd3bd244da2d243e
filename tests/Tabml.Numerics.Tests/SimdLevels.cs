using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Tests;

/// <summary>Theory data: every instruction set this machine runs, so each kernel is tested at each width.</summary>
public static class SimdLevels
{
    public static TheoryData<SimdLevel> Available()
    {
        var data = new TheoryData<SimdLevel>();
        foreach (var level in SimdSupport.Available)
        {
            data.Add(level);
        }

        return data;
    }
}
