using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Threading;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// One worker's buffers for a block of up to <see cref="Capacity"/> rows: the gathered inputs, the
/// row-major first-layer input X0 (and, in the backward, its gradient), the numeric-embedding caches, and
/// the eval-mode activations. Nothing here outlives a work item, so which worker runs an item never
/// changes its result.
/// </summary>
internal sealed class WorkerScratch
{
    public WorkerScratch(RealMlpArchitecture arch, int capacity, int panelWidth)
    {
        Capacity = capacity;
        Numeric = new float[capacity * arch.NumericCount];
        Binary = new float[capacity * arch.BinaryCount];
        Codes = new int[capacity * arch.EmbeddingCatSizes.Count];
        X0 = new float[capacity * arch.InputWidth];
        Pbld = arch.Pbld ? new PbldBuffers(arch.NumericCount, arch.EmbeddingHidden, arch.EmbeddingLearned, capacity) : null;
        Periodic = arch.Periodic ? new PeriodicBuffers(arch.NumericCount, arch.EmbeddingHidden / 2, arch.EmbeddingLearned, capacity) : null;
        Layout = new PanelLayout(capacity, panelWidth);
        X1 = new float[Layout.Length(arch.InputWidth)];
        var widest = arch.HiddenSizes.Count == 0 ? 0 : arch.HiddenSizes.Max();
        Activations = [new float[Layout.Length(widest)], new float[Layout.Length(widest)]];
        Outputs = new float[capacity * arch.Outputs];
    }

    public int Capacity { get; }

    public float[] Numeric { get; }

    public float[] Binary { get; }

    public int[] Codes { get; }

    /// <summary>The assembled first-layer input, row-major (in the backward: its gradient).</summary>
    public float[] X0 { get; }

    public PbldBuffers? Pbld { get; }

    public PeriodicBuffers? Periodic { get; }

    /// <summary>Eval mode: the layout of the buffers below (row capacity = <see cref="Capacity"/>).</summary>
    public PanelLayout Layout { get; }

    /// <summary>Eval mode: X1 = X0 ⊙ scale, panel-major.</summary>
    public float[] X1 { get; }

    /// <summary>Eval mode: two hidden activations, used in turn.</summary>
    public float[][] Activations { get; }

    /// <summary>Eval mode: the block's network outputs, row-major.</summary>
    public float[] Outputs { get; }
}

/// <summary>Scratch per worker index, created on first use.</summary>
internal sealed class ScratchSet(RealMlpArchitecture arch, int capacity, int panelWidth)
{
    private readonly WorkerScratch?[] _byWorker = new WorkerScratch?[WorkerPool.MaxThreads];

    public int Capacity => capacity;

    public WorkerScratch For(int worker) => _byWorker[worker] ??= new WorkerScratch(arch, capacity, panelWidth);
}
