using Tabml.Numerics.Activations;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// A RealMLP's parameters with their packed copies (method-spec §2.4–2.5): NTK dense layers
/// z = x·W/√in + b, parametric activations and dropout on the hidden layers, fused into the products'
/// epilogues. Rows are processed in blocks (<see cref="TrainingStep"/>, <see cref="RealMlpEvaluator"/>);
/// this class runs one block's dense products. The activation is dispatched here and only here.
/// </summary>
internal sealed class RealMlpNetwork
{
    private readonly ActivationKind _activation;

    public RealMlpNetwork(RealMlpParameters parameters, SimdLevel level)
    {
        Parameters = parameters;
        Architecture = parameters.Architecture;
        Level = SimdSupport.Effective(level);
        PanelWidth = PanelGemm.PanelWidth(Level);
        _activation = Architecture.Activation switch
        {
            HiddenActivation.Mish => ActivationKind.Mish,
            HiddenActivation.Relu => ActivationKind.Relu,
            _ => ActivationKind.Selu,
        };
        var layers = Architecture.Layers;
        Layers = layers.Select((l, i) => new PackedLayer(Level, l.In, l.Out, parameters.Alphas[i] is not null, i == layers.Count - 1)).ToArray();
        PackAll();
    }

    private enum ActivationKind
    {
        Selu,
        Mish,
        Relu,
    }

    public RealMlpParameters Parameters { get; }

    public RealMlpArchitecture Architecture { get; }

    public SimdLevel Level { get; }

    /// <summary>The kernels' panel width: the group of every panel-major buffer.</summary>
    public int PanelWidth { get; }

    public PackedLayer[] Layers { get; }

    public int HiddenCount => Layers.Length - 1;

    public PanelLayout Layout(int rowCapacity) => new(rowCapacity, PanelWidth);

    /// <summary>Refreshes every packed copy from the canonical tensors (after init, restore or load).</summary>
    public void PackAll()
    {
        for (var l = 0; l < Layers.Length; l++)
        {
            Refresh(l, 0, Layers[l].Out);
        }
    }

    /// <summary>Refreshes output units [first, last) of layer <paramref name="layer"/> after an update (<see cref="PackedLayer.Refresh"/>).</summary>
    public void Refresh(int layer, int first, int last, bool nonTemporal = false) =>
        Layers[layer].Refresh(Parameters.Weights[layer].Value, Parameters.Biases[layer].Value, Parameters.Alphas[layer]?.Value, first, last, nonTemporal);

    /// <summary>The activation f (not parametric), for the initialisation's eval-mode pass.</summary>
    public float Activate(float x) => _activation switch
    {
        ActivationKind.Mish => Mish.Value(x),
        ActivationKind.Relu => Relu.Value(x),
        _ => Selu.Value(x),
    };

    /// <summary>
    /// Hidden layer <paramref name="layer"/> on rows rowOffset.. of panel-major buffers: x·W with bias,
    /// activation and dropout in the epilogue; in training (derivative not empty) also D and G.
    /// </summary>
    public void ForwardHidden(int layer, ReadOnlySpan<float> input, PanelLayout layout, int rows, int rowOffset, DropoutMask mask, Span<float> activation, Span<float> derivative, Span<float> gap)
    {
        switch (_activation)
        {
            case ActivationKind.Mish:
                ForwardHidden<Mish>(layer, input, layout, rows, rowOffset, mask, activation, derivative, gap);
                break;
            case ActivationKind.Relu:
                ForwardHidden<Relu>(layer, input, layout, rows, rowOffset, mask, activation, derivative, gap);
                break;
            default:
                ForwardHidden<Selu>(layer, input, layout, rows, rowOffset, mask, activation, derivative, gap);
                break;
        }
    }

    /// <summary>
    /// dY·Wᵀ of layer <paramref name="layer"/> ≥ 1 for rows rowOffset.., with the backward epilogue of the
    /// hidden layer below (its mask, D and G), which writes that layer's scaled gradient and row-block sums.
    /// </summary>
    public void BackwardHidden(int layer, ReadOnlySpan<float> gradient, PanelLayout layout, int rows, int rowOffset, ref ParametricBackwardOutput below)
    {
        var packed = Layers[layer];
        PanelGemm.Multiply(Level, gradient[layout.Index(rowOffset, 0)..], StridedOperand.Panels(layout), rows, packed.Out, packed.Backward, packed.In, 0, PanelGemm.Panels(Level, packed.In), ref below, rowOffset);
    }

    /// <summary>dX1 = dZ'₀·W₀ᵀ for rows rowOffset.., stored panel-major.</summary>
    public void InputGradient(ReadOnlySpan<float> gradient, PanelLayout layout, int rows, int rowOffset, Span<float> inputGradient)
    {
        var packed = Layers[0];
        var output = new PanelOutput(inputGradient, layout, packed.In);
        PanelGemm.Multiply(Level, gradient[layout.Index(rowOffset, 0)..], StridedOperand.Panels(layout), rows, packed.Out, packed.Backward, packed.In, 0, PanelGemm.Panels(Level, packed.In), ref output, rowOffset);
    }

    /// <summary>The backward epilogue of hidden layer <paramref name="layer"/> (for the product of the layer above, or the output head).</summary>
    public ParametricBackwardOutput BackwardEpilogue(int layer, PanelLayout layout, DropoutMask mask, ReadOnlySpan<float> derivative, ReadOnlySpan<float> gap, Span<float> gradient, Span<float> biasSums, Span<float> alphaSums)
    {
        var packed = Layers[layer];
        return new ParametricBackwardOutput(layout, packed.Out, Architecture.LayerScale(packed.In), mask, derivative, packed.Alpha.Length > 0 ? gap : [], gradient, biasSums, packed.Alpha.Length > 0 ? alphaSums : []);
    }

    private void ForwardHidden<TFunction>(int layer, ReadOnlySpan<float> input, PanelLayout layout, int rows, int rowOffset, DropoutMask mask, Span<float> activation, Span<float> derivative, Span<float> gap)
        where TFunction : struct, IActivationFunction
    {
        var packed = Layers[layer];
        var parametric = packed.Alpha.Length > 0;
        var epilogue = new ParametricForwardOutput<TFunction>(layout, packed.Out, Architecture.LayerScale(packed.In), packed.Bias, packed.Alpha, mask, activation, derivative, parametric && !derivative.IsEmpty ? gap : []);
        PanelGemm.Multiply(Level, input[layout.Index(rowOffset, 0)..], StridedOperand.Panels(layout), rows, packed.In, packed.Forward, packed.Out, 0, PanelGemm.Panels(Level, packed.Out), ref epilogue, rowOffset);
    }
}
