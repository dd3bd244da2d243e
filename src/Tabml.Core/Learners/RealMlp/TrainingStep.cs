using System.Diagnostics;
using Tabml.Numerics.Threading;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// One training step of every network of a fit, in two phases on a worker pool.
/// <list type="number">
/// <item>Row blocks (<see cref="ForwardBackwardItems"/>): each block of 32 batch rows runs its gather,
/// input, forward, loss and the whole backward chain of activation gradients, and leaves per-block sums.</item>
/// <item>Parameters (<see cref="UpdateItems"/>): weight gradients over all batch rows, 32 output units at
/// a time; block sums added in block order; embedding rows scattered in row order; then decay, Adam and
/// repacking of each finished chunk, and the next step's dropout masks.</item>
/// </list>
/// The blocks depend only on the batch size and every sum has a fixed order, so the result is the same
/// for any number of threads, and the thread count may change between steps.
/// </summary>
internal sealed class TrainingStep
{
    private readonly ForwardBackwardItems _forwardBackward;
    private readonly UpdateItems _update;
    private readonly StepProfile? _profile;

    public TrainingStep(IReadOnlyList<TrainingMember> members, EncodedRows train, TrainingTargets targets, ScratchSet scratch, StepProfile? profile)
    {
        Members = members;
        _forwardBackward = new ForwardBackwardItems(members, train, targets, scratch, profile);
        _update = new UpdateItems(members, profile);
        _profile = profile;
    }

    public IReadOnlyList<TrainingMember> Members { get; }

    /// <summary>
    /// Runs the step on the batches already in the members' <see cref="BatchState.Rows"/>; with
    /// <paramref name="update"/> null only the gradients are computed (into each tensor's Gradient).
    /// </summary>
    public void Run(WorkerPool pool, StepUpdate? update)
    {
        var clock = Stopwatch.GetTimestamp();
        pool.Run(_forwardBackward, _forwardBackward.Count);
        clock = _profile?.AddPhase(StepPhase.RowBlocks, clock) ?? clock;
        _update.Update = update;
        _update.SeveralThreads = pool.Threads > 1;
        pool.Run(_update, _update.Count);
        _profile?.AddPhase(StepPhase.Parameters, clock);
    }

    /// <summary>Draws the dropout masks of the first step (later steps draw them in the update phase).</summary>
    public void DrawMasks(double dropout)
    {
        foreach (var member in Members)
        {
            UpdateItems.DrawMasks(member, dropout);
        }
    }

    private sealed class ForwardBackwardItems(IReadOnlyList<TrainingMember> members, EncodedRows train, TrainingTargets targets, ScratchSet scratch, StepProfile? profile) : IWorkItems
    {
        private readonly int _blocks = members[0].Batch.Blocks;

        public int Count => members.Count * _blocks;

        public void Run(int item, int worker)
        {
            var member = members[item / _blocks];
            var block = item % _blocks;
            var network = member.Network;
            var batch = member.Batch;
            var layout = batch.Layout;
            var (start, rows) = batch.Block(block);
            var s = scratch.For(worker);
            var clock = Stopwatch.GetTimestamp();

            InputBlock.Gather(train, batch.Rows.AsSpan(start, rows), s);
            var tables = network.Architecture.EmbeddingCatSizes.Count;
            s.Codes.AsSpan(0, rows * tables).CopyTo(batch.Codes.AsSpan(start * tables));
            InputBlock.Assemble(network, s, rows);
            InputBlock.Scale(network, s, rows, layout, start, batch.X1);
            clock = profile?.Add(worker, StepPart.Input, clock) ?? clock;

            var hidden = network.HiddenCount;
            for (var l = 0; l < hidden; l++)
            {
                network.ForwardHidden(l, l == 0 ? batch.X1 : batch.Activation[l - 1], layout, rows, start, batch.Mask(l, network.Layers[l].Out), batch.Activation[l], batch.Derivative[l], batch.Gap[l]);
            }

            clock = profile?.Add(worker, StepPart.Forward, clock) ?? clock;
            var classes = network.Layers[^1].Out;
            OutputHead.Forward(network, batch.Activation[hidden - 1], layout, rows, start, batch.Outputs);
            var outputSums = batch.OutputBiasSums.AsSpan(block * classes, classes);
            outputSums.Clear();
            OutputHead.LossGradient(network, batch.Outputs, targets, batch.Rows, batch.BatchSize, rows, start, batch.OutputGradient, outputSums);
            var below = Epilogue(network, batch, hidden - 1, block);
            OutputHead.Backward(network, batch.OutputGradient, rows, start, ref below);
            clock = profile?.Add(worker, StepPart.Head, clock) ?? clock;

            for (var l = hidden - 1; l >= 1; l--)
            {
                below = Epilogue(network, batch, l - 1, block);
                network.BackwardHidden(l, batch.Gradient[l], layout, rows, start, ref below);
            }

            network.InputGradient(batch.Gradient[0], layout, rows, start, batch.InputGradient);
            clock = profile?.Add(worker, StepPart.Backward, clock) ?? clock;

            var width = network.Architecture.InputWidth;
            var scaleSums = batch.ScaleSums.AsSpan(block * width, width);
            var numericSums = batch.NumericSums.AsSpan(block * batch.NumericParameters, batch.NumericParameters);
            scaleSums.Clear();
            numericSums.Clear();
            InputBlock.Backward(network, s, rows, layout, start, batch.InputGradient, scaleSums, numericSums, batch.EmbeddingRows);
            profile?.Add(worker, StepPart.InputBackward, clock);
        }

        /// <summary>Hidden layer <paramref name="layer"/>'s backward epilogue with its block sums cleared.</summary>
        private static Numerics.Activations.ParametricBackwardOutput Epilogue(RealMlpNetwork network, BatchState batch, int layer, int block)
        {
            var padded = network.Layers[layer].PaddedOut;
            var biasSums = batch.BiasSums[layer].AsSpan(block * padded, padded);
            var alphaSums = batch.AlphaSums[layer].Length == 0 ? [] : batch.AlphaSums[layer].AsSpan(block * padded, padded);
            biasSums.Clear();
            alphaSums.Clear();
            return network.BackwardEpilogue(layer, batch.Layout, batch.Mask(layer, network.Layers[layer].Out), batch.Derivative[layer], batch.Gap[layer], batch.Gradient[layer], biasSums, alphaSums);
        }
    }
}
