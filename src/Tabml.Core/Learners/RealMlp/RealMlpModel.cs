using Tabml.Bundles;
using Tabml.Data;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// A fitted RealMLP: its input encoder, architecture, trained parameters and (regression) output scaling.
/// Predicts in eval mode in batches of 1024 rows: softmax probabilities, or de-standardised, clamped values.
/// </summary>
public sealed class RealMlpModel : IModel
{
    public const string FormatName = "realmlp";

    private readonly RealMlpNetwork _network;

    /// <summary>One reusable workspace: validation runs every epoch, and allocating its buffers each time costs more than the forward pass.</summary>
    private RealMlpWorkspace? _workspace;

    internal RealMlpModel(string learnerName, TaskKind task, int classCount, MlpInputEncoder encoder, RealMlpParameters parameters, OutputScaling scaling, int predictBatchSize, IReadOnlyDictionary<string, double> facts)
    {
        LearnerName = learnerName;
        Task = task;
        ClassCount = classCount;
        Encoder = encoder;
        Parameters = parameters;
        Scaling = scaling;
        PredictBatchSize = predictBatchSize;
        Facts = facts;
        _network = new RealMlpNetwork(parameters, SimdSupport.Active);
    }

    public string LearnerName { get; }

    public string Format => FormatName;

    public TaskKind Task { get; }

    public int ClassCount { get; }

    public MlpInputEncoder Encoder { get; }

    public RealMlpParameters Parameters { get; }

    public OutputScaling Scaling { get; }

    public int PredictBatchSize { get; }

    public IReadOnlyDictionary<string, double> Facts { get; }

    public Predictions Predict(Dataset data, int threads) => Predict(Encoder.Encode(data));

    internal Predictions Predict(EncodedRows rows)
    {
        var outputs = Task == TaskKind.Regression ? 1 : ClassCount;
        var values = new double[rows.Count * outputs];
        var capacity = Math.Max(1, Math.Min(PredictBatchSize, rows.Count));
        var workspace = Interlocked.Exchange(ref _workspace, null);
        if (workspace is null || workspace.Capacity < capacity)
        {
            workspace = new RealMlpWorkspace(Parameters.Architecture, capacity);
        }

        for (var start = 0; start < rows.Count; start += workspace.Capacity)
        {
            var count = Math.Min(workspace.Capacity, rows.Count - start);
            BatchGather.Contiguous(rows, start, count, workspace);
            _network.AssembleInput(workspace, count);
            var raw = _network.Forward(workspace, count, 0f, null);
            for (var r = 0; r < count; r++)
            {
                var target = values.AsSpan((start + r) * outputs, outputs);
                if (Task == TaskKind.Regression)
                {
                    target[0] = Scaling.ToTarget(raw[r]);
                }
                else
                {
                    Softmax(raw.Slice(r * outputs, outputs), target);
                }
            }
        }

        _workspace = workspace;
        return new Predictions(rows.Count, outputs, values);
    }

    /// <summary>Managed arrays only: nothing to release early.</summary>
    public void Dispose()
    {
    }

    public void Save(IArtifactWriter writer) => RealMlpModelFile.Write(this, writer);

    public static IModel Load(IArtifactReader reader, ModelLoadContext context) => RealMlpModelFile.Read(reader, context);

    private static void Softmax(ReadOnlySpan<float> logits, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, z);
        }

        var sum = 0.0;
        for (var c = 0; c < logits.Length; c++)
        {
            probabilities[c] = Math.Exp(logits[c] - max);
            sum += probabilities[c];
        }

        for (var c = 0; c < logits.Length; c++)
        {
            probabilities[c] /= sum;
        }
    }
}
