using System.Diagnostics;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Threading;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// The parameter phase of a training step (<see cref="TrainingStep"/>): one item per 32 output units of a
/// hidden layer (weight gradient over the whole batch, bias and α sums, decay, Adam, repacking), one for
/// the output layer, the front scale, the numeric embedding, each categorical embedding table, and the
/// next step's dropout masks of each network.
/// </summary>
internal sealed class UpdateItems : IWorkItems
{
    private const int Chunk = 32;

    private readonly IReadOnlyList<TrainingMember> _members;
    private readonly StepProfile? _profile;
    private readonly List<(int Member, ItemKind Kind, int Layer, int First, int Last)> _items = [];

    public UpdateItems(IReadOnlyList<TrainingMember> members, StepProfile? profile)
    {
        _members = members;
        _profile = profile;
        var network = members[0].Network;
        var chunks = 0;
        for (var l = 0; l < network.HiddenCount; l++)
        {
            chunks = Math.Max(chunks, (network.Layers[l].Out + Chunk - 1) / Chunk);
        }

        // Network-major, then chunk-major order: a worker's contiguous range of items (WorkerPool) holds the
        // same networks, and within a network the same output units of every layer, step after step. Each core
        // then keeps its weights, moments and gradients in its own cache, workers write far-apart columns, and
        // with as many packed networks as threads each core trains its own networks (as the row blocks of the
        // forward phase, which are network-major too): a cache line written on one core and read on the
        // other costs far more than the arithmetic on it.
        for (var m = 0; m < members.Count; m++)
        {
            for (var c = 0; c < chunks; c++)
            {
                for (var l = network.HiddenCount - 1; l >= 0; l--)
                {
                    var first = c * Chunk;
                    var width = network.Layers[l].Out;
                    if (first < width)
                    {
                        _items.Add((m, ItemKind.Weights, l, first, Math.Min(width, first + Chunk)));
                    }
                }
            }

            _items.Add((m, ItemKind.Output, 0, 0, 0));
            _items.Add((m, ItemKind.Input, 0, 0, 0));
            for (var e = 0; e < network.Parameters.Embeddings.Length; e++)
            {
                _items.Add((m, ItemKind.Embedding, e, 0, 0));
            }

            _items.Add((m, ItemKind.Masks, 0, 0, 0));
        }
    }

    private enum ItemKind
    {
        Weights,
        Output,
        Input,
        Embedding,
        Masks,
    }

    public int Count => _items.Count;

    /// <summary>This step's update, or null to compute gradients only.</summary>
    public StepUpdate? Update { get; set; }

    /// <summary>True when several threads run the step: the refreshed panels are then read by other cores next.</summary>
    public bool SeveralThreads { get; set; }

    public void Run(int item, int worker)
    {
        var (index, kind, layer, first, last) = _items[item];
        var member = _members[index];
        var clock = Stopwatch.GetTimestamp();
        switch (kind)
        {
            case ItemKind.Weights:
                Weights(member.Network, member.Batch, layer, first, last, worker, clock);
                break;
            case ItemKind.Output:
                Output(member.Network, member.Batch);
                _profile?.Add(worker, StepPart.Update, clock);
                break;
            case ItemKind.Input:
                Input(member.Network, member.Batch);
                _profile?.Add(worker, StepPart.Update, clock);
                break;
            case ItemKind.Embedding:
                Embedding(member.Network, member.Batch, layer);
                _profile?.Add(worker, StepPart.Embeddings, clock);
                break;
            default:
                if (Update is { } update)
                {
                    DrawMasks(member, update.NextDropout);
                    _profile?.Add(worker, StepPart.Masks, clock);
                }

                break;
        }
    }

    /// <summary>Draws every hidden layer's mask for dropout probability p (none when p is 0).</summary>
    public static void DrawMasks(TrainingMember member, double dropout)
    {
        var batch = member.Batch;
        if (dropout <= 0)
        {
            batch.MaskKeepScale = 0f;
            return;
        }

        foreach (var mask in batch.Masks)
        {
            member.Dropout.FillBits(member.Network.Level, mask, 1.0 - dropout);
        }

        batch.MaskKeepScale = 1f / (1f - (float)dropout);
    }

    private void Weights(RealMlpNetwork network, BatchState batch, int layer, int first, int last, int worker, long clock)
    {
        var packed = network.Layers[layer];
        var p = network.Parameters;
        var weight = p.Weights[layer];
        var nr = network.PanelWidth;
        var output = new RowMajorOutput(weight.Gradient, packed.In, packed.Out, packed.Out, accumulate: false);
        var input = layer == 0 ? batch.X1 : batch.Activation[layer - 1];
        PanelGemm.Multiply(network.Level, input, StridedOperand.TransposedPanels(batch.Layout), packed.In, batch.BatchSize, batch.Gradient[layer], packed.Out, first / nr, (last + nr - 1) / nr, ref output);
        clock = _profile?.Add(worker, StepPart.WeightGradient, clock) ?? clock;

        SumBlocks(batch.BiasSums[layer], packed.PaddedOut, batch.Blocks, p.Biases[layer].Gradient, first, last);
        if (p.Alphas[layer] is { } alpha)
        {
            SumBlocks(batch.AlphaSums[layer], packed.PaddedOut, batch.Blocks, alpha.Gradient, first, last);
        }

        if (Update is { } update)
        {
            update.Tensors[weight.Index].ApplyRows(network.Level, weight.Value, weight.Gradient, weight.FirstMoment, weight.SecondMoment, first, packed.In, last - first, packed.Out);

            Apply(network, update, p.Biases[layer], first, last);
            if (p.Alphas[layer] is { } a)
            {
                Apply(network, update, a, first, last);
            }

            network.Refresh(layer, first, last, nonTemporal: SeveralThreads);
        }

        _profile?.Add(worker, StepPart.Update, clock);
    }

    private void Output(RealMlpNetwork network, BatchState batch)
    {
        var p = network.Parameters;
        var last = network.Layers.Length - 1;
        OutputHead.WeightGradient(network, batch.Activation[last - 1], batch.Layout, batch.OutputGradient, batch.BatchSize, p.Weights[last].Gradient);
        var classes = network.Layers[last].Out;
        SumBlocks(batch.OutputBiasSums, classes, batch.Blocks, p.Biases[last].Gradient, 0, classes);
        if (Update is { } update)
        {
            Apply(network, update, p.Weights[last], 0, p.Weights[last].Length);
            Apply(network, update, p.Biases[last], 0, classes);
            network.Refresh(last, 0, classes);
        }
    }

    private void Input(RealMlpNetwork network, BatchState batch)
    {
        var p = network.Parameters;
        if (p.Scale is { } scale)
        {
            SumBlocks(batch.ScaleSums, scale.Length, batch.Blocks, scale.Gradient, 0, scale.Length);
            Apply(network, Update, scale, 0, scale.Length);
        }

        var offset = 0;
        foreach (var tensor in p.NumericEmbedding)
        {
            for (var j = 0; j < tensor.Length; j++)
            {
                var sum = 0f;
                for (var b = 0; b < batch.Blocks; b++)
                {
                    sum += batch.NumericSums[(b * batch.NumericParameters) + offset + j];
                }

                tensor.Gradient[j] = sum;
            }

            Apply(network, Update, tensor, 0, tensor.Length);
            offset += tensor.Length;
        }
    }

    private void Embedding(RealMlpNetwork network, BatchState batch, int table)
    {
        var tensor = network.Parameters.Embeddings[table];
        var size = network.Architecture.EmbeddingSize;
        var tables = network.Parameters.Embeddings.Length;
        var gradient = tensor.Gradient;
        Array.Clear(gradient);
        for (var r = 0; r < batch.BatchSize; r++)
        {
            var code = batch.Codes[(r * tables) + table];
            var source = batch.EmbeddingRows.AsSpan((r * batch.EmbeddingWidth) + (table * size), size);
            var target = gradient.AsSpan(code * size, size);
            for (var q = 0; q < size; q++)
            {
                target[q] += source[q];
            }
        }

        Apply(network, Update, tensor, 0, tensor.Length);
    }

    private static void Apply(RealMlpNetwork network, StepUpdate? update, Parameter tensor, int first, int last)
    {
        if (update is null)
        {
            return;
        }

        var count = last - first;
        update.Tensors[tensor.Index].Apply(network.Level, tensor.Value.AsSpan(first, count), tensor.Gradient.AsSpan(first, count), tensor.FirstMoment.AsSpan(first, count), tensor.SecondMoment.AsSpan(first, count));
    }

    /// <summary>gradient[j] = Σ over blocks, in block order, of sums[block·stride + j], for j in [first, last).</summary>
    private static void SumBlocks(float[] sums, int stride, int blocks, float[] gradient, int first, int last)
    {
        for (var j = first; j < last; j++)
        {
            var sum = 0f;
            for (var b = 0; b < blocks; b++)
            {
                sum += sums[(b * stride) + j];
            }

            gradient[j] = sum;
        }
    }
}
