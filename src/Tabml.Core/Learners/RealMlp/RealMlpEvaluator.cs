using Tabml.Numerics.Activations;
using Tabml.Numerics.Threading;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// Eval-mode forward passes (validation each epoch, prediction): blocks of <see cref="BlockRows"/> rows of
/// each network run as independent work items; a row's outputs depend only on the row, so any thread
/// count gives the same outputs.
/// </summary>
internal sealed class RealMlpEvaluator : IWorkItems
{
    public const int BlockRows = 64;

    private readonly IReadOnlyList<RealMlpNetwork> _networks;
    private readonly EncodedRows _rows;
    private readonly ScratchSet _scratch;
    private readonly int _blocks;

    private RealMlpEvaluator(IReadOnlyList<RealMlpNetwork> networks, EncodedRows rows, ScratchSet scratch)
    {
        _networks = networks;
        _rows = rows;
        _scratch = scratch;
        _blocks = (rows.Count + BlockRows - 1) / BlockRows;
        var outputs = networks[0].Architecture.Outputs;
        Outputs = networks.Select(_ => new float[rows.Count * outputs]).ToArray();
    }

    /// <summary>Per network: the raw outputs (logits, or standardised values), rows × outputs.</summary>
    public float[][] Outputs { get; }

    /// <summary>Scratch for evaluation (and training) blocks of a network shape.</summary>
    public static ScratchSet Scratch(RealMlpNetwork network) => new(network.Architecture, BlockRows, network.PanelWidth);

    public static float[][] Run(IReadOnlyList<RealMlpNetwork> networks, EncodedRows rows, WorkerPool pool, ScratchSet scratch)
    {
        var evaluator = new RealMlpEvaluator(networks, rows, scratch);
        pool.Run(evaluator, networks.Count * evaluator._blocks);
        return evaluator.Outputs;
    }

    /// <summary>
    /// The input of every dense layer (X1, then each hidden activation) for all rows, row-major, in eval
    /// mode (for tests of the initialisation).
    /// </summary>
    public static float[][] LayerInputs(RealMlpNetwork network, EncodedRows rows)
    {
        var layers = network.Architecture.Layers;
        var result = layers.Select(l => new float[rows.Count * l.In]).ToArray();
        var s = Scratch(network).For(0);
        for (var start = 0; start < rows.Count; start += BlockRows)
        {
            var count = Math.Min(BlockRows, rows.Count - start);
            InputBlock.Gather(rows, start, count, s);
            InputBlock.Assemble(network, s, count);
            InputBlock.Scale(network, s, count, s.Layout, 0, s.X1);
            CopyRows(s.X1, s, count, layers[0].In, result[0].AsSpan(start * layers[0].In));
            var input = s.X1;
            for (var l = 0; l < network.HiddenCount; l++)
            {
                var output = s.Activations[l % 2];
                network.ForwardHidden(l, input, s.Layout, count, 0, DropoutMask.None, output, [], []);
                CopyRows(output, s, count, layers[l + 1].In, result[l + 1].AsSpan(start * layers[l + 1].In));
                input = output;
            }
        }

        return result;
    }

    public void Run(int item, int worker)
    {
        var k = item / _blocks;
        var start = item % _blocks * BlockRows;
        var count = Math.Min(BlockRows, _rows.Count - start);
        var network = _networks[k];
        var s = _scratch.For(worker);
        var last = Forward(network, s, start, count, _rows);
        var outputs = network.Architecture.Outputs;
        OutputHead.Forward(network, last, s.Layout, count, 0, s.Outputs);
        s.Outputs.AsSpan(0, count * outputs).CopyTo(Outputs[k].AsSpan(start * outputs));
    }

    /// <summary>Rows start.. through the hidden layers; returns the last hidden activation (panel-major).</summary>
    private static float[] Forward(RealMlpNetwork network, WorkerScratch s, int start, int count, EncodedRows rows)
    {
        InputBlock.Gather(rows, start, count, s);
        InputBlock.Assemble(network, s, count);
        InputBlock.Scale(network, s, count, s.Layout, 0, s.X1);
        var input = s.X1;
        for (var l = 0; l < network.HiddenCount; l++)
        {
            var output = s.Activations[l % 2];
            network.ForwardHidden(l, input, s.Layout, count, 0, DropoutMask.None, output, [], []);
            input = output;
        }

        return input;
    }

    private static void CopyRows(float[] panels, WorkerScratch s, int count, int width, Span<float> target)
    {
        for (var r = 0; r < count; r++)
        {
            for (var j = 0; j < width; j++)
            {
                target[(r * width) + j] = panels[s.Layout.Index(r, j)];
            }
        }
    }
}
