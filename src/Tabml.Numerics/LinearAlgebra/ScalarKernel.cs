using System.Runtime.CompilerServices;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>The portable fallback: a 4×4 tile of scalar fused multiply-adds (MathF.FusedMultiplyAdd).</summary>
internal readonly struct ScalarKernel : IGemmKernel
{
    public static int Rows => 4;

    public static int Columns => 4;

    public static void Tile(ref float a, nint rowStride, nint depthStride, ref float panel, int depth, ref float c, nint ldc, bool accumulate) =>
        PartialRows(4, ref a, rowStride, depthStride, ref panel, depth, ref c, ldc, accumulate);

    public static void PartialRows(int rows, ref float a, nint rowStride, nint depthStride, ref float panel, int depth, ref float c, nint ldc, bool accumulate)
    {
        for (var r = 0; r < rows; r++)
        {
            ref var cr = ref Unsafe.Add(ref c, r * ldc);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            if (accumulate)
            {
                s0 = cr;
                s1 = Unsafe.Add(ref cr, 1);
                s2 = Unsafe.Add(ref cr, 2);
                s3 = Unsafe.Add(ref cr, 3);
            }

            ref var ap = ref Unsafe.Add(ref a, r * rowStride);
            ref var bp = ref panel;
            for (var p = 0; p < depth; p++)
            {
                var av = ap;
                s0 = MathF.FusedMultiplyAdd(av, bp, s0);
                s1 = MathF.FusedMultiplyAdd(av, Unsafe.Add(ref bp, 1), s1);
                s2 = MathF.FusedMultiplyAdd(av, Unsafe.Add(ref bp, 2), s2);
                s3 = MathF.FusedMultiplyAdd(av, Unsafe.Add(ref bp, 3), s3);
                ap = ref Unsafe.Add(ref ap, depthStride);
                bp = ref Unsafe.Add(ref bp, 4);
            }

            cr = s0;
            Unsafe.Add(ref cr, 1) = s1;
            Unsafe.Add(ref cr, 2) = s2;
            Unsafe.Add(ref cr, 3) = s3;
        }
    }
}
