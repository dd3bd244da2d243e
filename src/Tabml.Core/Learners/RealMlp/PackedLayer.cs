using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// One dense layer's parameters in the layouts the kernels read, refreshed from the canonical row-major
/// tensors after each update (only the updated columns): W as packed panels for x·W, Wᵀ as packed panels
/// for dY·Wᵀ, and bias and α padded with zeros to whole panels for the epilogues. The output layer also
/// keeps Wᵀ row by row (class-major, padded) for the output head's dot products.
/// </summary>
internal sealed class PackedLayer
{
    // 64-byte aligned, so that refreshes can write whole cache lines past the caches.
    private readonly AlignedFloats _forward;
    private readonly AlignedFloats _backward;

    public PackedLayer(SimdLevel level, int inWidth, int outWidth, bool parametric, bool output)
    {
        Level = level;
        In = inWidth;
        Out = outWidth;
        var nr = PanelGemm.PanelWidth(level);
        PaddedIn = PanelGemm.Panels(level, inWidth) * nr;
        PaddedOut = PanelGemm.Panels(level, outWidth) * nr;
        Bias = new float[PaddedOut];
        Alpha = parametric ? new float[PaddedOut] : [];
        if (output)
        {
            _forward = new AlignedFloats(0);
            _backward = new AlignedFloats(0);
            ClassMajor = new float[outWidth * PaddedIn];
        }
        else
        {
            _forward = new AlignedFloats(PanelGemm.PackedLength(level, inWidth, outWidth));
            _backward = new AlignedFloats(PanelGemm.PackedLength(level, outWidth, inWidth));
            ClassMajor = [];
        }
    }

    public SimdLevel Level { get; }

    public int In { get; }

    public int Out { get; }

    public int PaddedIn { get; }

    public int PaddedOut { get; }

    /// <summary>W packed as op(B) for x·W: depth In, Out columns.</summary>
    public Span<float> Forward => _forward.Span;

    /// <summary>Wᵀ packed as op(B) for dY·Wᵀ: depth Out, In columns.</summary>
    public Span<float> Backward => _backward.Span;

    public float[] Bias { get; }

    public float[] Alpha { get; }

    /// <summary>Output layer only: Wᵀ, one padded row of In weights per output.</summary>
    public float[] ClassMajor { get; }

    public bool IsOutput => ClassMajor.Length > 0;

    /// <summary>
    /// Refreshes columns [first, last) (output units) from the canonical tensors; <paramref name="nonTemporal"/>
    /// when other cores read the panels next (training on several threads), see <see cref="PanelGemm.PackColumns"/>.
    /// </summary>
    public void Refresh(float[] weight, float[] bias, float[]? alpha, int first, int last, bool nonTemporal = false)
    {
        bias.AsSpan(first, last - first).CopyTo(Bias.AsSpan(first));
        alpha?.AsSpan(first, last - first).CopyTo(Alpha.AsSpan(first));
        if (IsOutput)
        {
            for (var c = first; c < last; c++)
            {
                var row = ClassMajor.AsSpan(c * PaddedIn, In);
                for (var i = 0; i < In; i++)
                {
                    row[i] = weight[(i * Out) + c];
                }
            }

            return;
        }

        PanelGemm.PackColumns(Level, weight, transposed: false, In, Out, first, last, Forward, nonTemporal);
        PanelGemm.PackDepth(Level, weight, transposed: true, Out, In, first, last, Backward, nonTemporal);
    }
}
