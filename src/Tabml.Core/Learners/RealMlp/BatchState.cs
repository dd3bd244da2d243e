using Tabml.Numerics.Activations;
using Tabml.Numerics.LinearAlgebra;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// One network's buffers for a training batch, shared by the row blocks of a step: every activation and
/// gradient panel-major with the batch as row capacity (block b owns rows 32b..), so the weight-gradient
/// products read the whole batch in place. Per-block sums (bias, α, output bias, scale, numeric
/// embedding) have one slot per block and are added up in block order; dropout masks are bits.
/// </summary>
internal sealed class BatchState
{
    public const int BlockRows = 32;

    public BatchState(RealMlpNetwork network, int batchSize)
    {
        var arch = network.Architecture;
        var layers = network.Layers;
        var hidden = network.HiddenCount;
        BatchSize = batchSize;
        Blocks = (batchSize + BlockRows - 1) / BlockRows;
        Layout = network.Layout(batchSize);
        X1 = new float[Layout.Length(arch.InputWidth)];
        InputGradient = new float[Layout.Length(arch.InputWidth)];
        Activation = new float[hidden][];
        Derivative = new float[hidden][];
        Gap = new float[hidden][];
        Gradient = new float[hidden][];
        Masks = new uint[hidden][];
        BiasSums = new float[hidden][];
        AlphaSums = new float[hidden][];
        for (var l = 0; l < hidden; l++)
        {
            var length = Layout.Length(layers[l].Out);
            var parametric = layers[l].Alpha.Length > 0;
            Activation[l] = new float[length];
            Derivative[l] = new float[length];
            Gap[l] = parametric ? new float[length] : [];
            Gradient[l] = new float[length];
            Masks[l] = new uint[DropoutMask.Length(batchSize, layers[l].Out)];
            BiasSums[l] = new float[Blocks * layers[l].PaddedOut];
            AlphaSums[l] = parametric ? new float[Blocks * layers[l].PaddedOut] : [];
        }

        Outputs = new float[batchSize * arch.Outputs];
        OutputGradient = new float[batchSize * arch.Outputs];
        OutputBiasSums = new float[Blocks * arch.Outputs];
        ScaleSums = new float[Blocks * arch.InputWidth];
        NumericParameters = network.Parameters.NumericEmbedding.Sum(p => p.Length);
        NumericSums = new float[Blocks * NumericParameters];
        EmbeddingWidth = arch.EmbeddingCatSizes.Count * arch.EmbeddingSize;
        EmbeddingRows = new float[batchSize * EmbeddingWidth];
        Codes = new int[batchSize * arch.EmbeddingCatSizes.Count];
        Rows = new int[batchSize];
    }

    public int BatchSize { get; }

    public int Blocks { get; }

    public PanelLayout Layout { get; }

    /// <summary>The batch's data rows (indices into the training rows).</summary>
    public int[] Rows { get; }

    /// <summary>The embedding codes of the batch rows (for the scatter of their gradients).</summary>
    public int[] Codes { get; }

    public float[] X1 { get; }

    /// <summary>dX1, the gradient of the scaled first-layer input.</summary>
    public float[] InputGradient { get; }

    /// <summary>Per hidden layer: the activation after dropout (the next layer's input).</summary>
    public float[][] Activation { get; }

    /// <summary>Per hidden layer: D = 1 + α(f'(z) − 1).</summary>
    public float[][] Derivative { get; }

    /// <summary>Per hidden layer with α: G = f(z) − z.</summary>
    public float[][] Gap { get; }

    /// <summary>Per hidden layer: the scaled pre-activation gradient c·dz.</summary>
    public float[][] Gradient { get; }

    /// <summary>Per hidden layer: the dropout mask of this step (drawn during the previous step).</summary>
    public uint[][] Masks { get; }

    /// <summary>The multiplier of kept units in <see cref="Masks"/>; 0 when the step has no dropout.</summary>
    public float MaskKeepScale { get; set; }

    public float[][] BiasSums { get; }

    public float[][] AlphaSums { get; }

    /// <summary>Network outputs (rows × outputs).</summary>
    public float[] Outputs { get; }

    /// <summary>c_L·dLoss/dOutputs (rows × outputs).</summary>
    public float[] OutputGradient { get; }

    public float[] OutputBiasSums { get; }

    public float[] ScaleSums { get; }

    public int NumericParameters { get; }

    public float[] NumericSums { get; }

    public int EmbeddingWidth { get; }

    /// <summary>dX0's embedding columns, one row per batch row.</summary>
    public float[] EmbeddingRows { get; }

    public DropoutMask Mask(int layer, int columns) =>
        MaskKeepScale > 0 ? new DropoutMask(Masks[layer], columns, MaskKeepScale) : DropoutMask.None;

    public (int Start, int Count) Block(int block) => (block * BlockRows, Math.Min(BlockRows, BatchSize - (block * BlockRows)));
}
