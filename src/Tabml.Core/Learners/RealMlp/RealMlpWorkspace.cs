namespace Tabml.Learners.RealMlp;

/// <summary>
/// Reusable activation and gradient buffers for batches of up to <see cref="Capacity"/> rows, so the training
/// loop allocates nothing per step.
/// </summary>
internal sealed class RealMlpWorkspace
{
    public RealMlpWorkspace(RealMlpArchitecture architecture, int capacity)
    {
        Capacity = capacity;
        var width = architecture.InputWidth;
        var layers = architecture.Layers;
        X0 = new float[capacity * width];
        X1 = new float[capacity * width];
        Z = layers.Select(l => new float[capacity * l.Out]).ToArray();
        A = layers.Select(l => new float[capacity * l.Out]).ToArray();
        Mask = layers.Select(l => new float[capacity * l.Out]).ToArray();
        var widest = Math.Max(width, layers.Max(l => Math.Max(l.In, l.Out)));
        GradientA = new float[capacity * widest];
        GradientB = new float[capacity * widest];
        Numeric = new float[capacity * architecture.NumericCount];
        Binary = new float[capacity * architecture.BinaryCount];
        Codes = new int[capacity * architecture.EmbeddingCatSizes.Count];
        Pbld = architecture.Pbld ? new PbldBuffers(architecture.NumericCount, architecture.EmbeddingHidden, architecture.EmbeddingLearned, capacity) : null;
        Periodic = architecture.Periodic ? new PeriodicBuffers(architecture.NumericCount, architecture.EmbeddingHidden / 2, architecture.EmbeddingLearned, capacity) : null;
    }

    public int Capacity { get; }

    /// <summary>First-layer input before and after the front scale.</summary>
    public float[] X0 { get; }

    public float[] X1 { get; }

    /// <summary>Per layer: pre-activation z (the output layer's is the network output).</summary>
    public float[][] Z { get; }

    /// <summary>Per hidden layer: the activation after dropout (the next layer's input).</summary>
    public float[][] A { get; }

    /// <summary>Per hidden layer: the dropout multipliers (0 or 1/(1 − p)) of the last training forward.</summary>
    public float[][] Mask { get; }

    public float[] GradientA { get; }

    public float[] GradientB { get; }

    /// <summary>The batch's encoded inputs (gathered rows).</summary>
    public float[] Numeric { get; }

    public float[] Binary { get; }

    public int[] Codes { get; }

    public PbldBuffers? Pbld { get; }

    public PeriodicBuffers? Periodic { get; }
}
