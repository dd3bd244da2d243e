using Tabml.Bundles;
using Tabml.Data;
using Tabml.Numerics.Threading;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// A fitted RealMLP: its input encoder, architecture, the trained parameters of its n_ens networks and the
/// (regression) output scaling. Predicts in eval mode, row blocks in parallel: the mean of the networks'
/// softmax probabilities, or of their de-standardised, clamped values.
/// </summary>
public sealed class RealMlpModel : IModel
{
    public const string FormatName = "realmlp";

    private readonly IReadOnlyList<RealMlpNetwork> _networks;

    internal RealMlpModel(string learnerName, TaskKind task, int classCount, MlpInputEncoder encoder, IReadOnlyList<RealMlpNetwork> networks, OutputScaling scaling, int predictBatchSize, IReadOnlyDictionary<string, double> facts)
    {
        LearnerName = learnerName;
        Task = task;
        ClassCount = classCount;
        Encoder = encoder;
        _networks = networks;
        Scaling = scaling;
        PredictBatchSize = predictBatchSize;
        Facts = facts;
    }

    public string LearnerName { get; }

    public string Format => FormatName;

    public TaskKind Task { get; }

    public int ClassCount { get; }

    public MlpInputEncoder Encoder { get; }

    /// <summary>The first network's parameters (the only ones when n_ens = 1).</summary>
    public RealMlpParameters Parameters => _networks[0].Parameters;

    /// <summary>Every network's parameters (n_ens of them).</summary>
    public IReadOnlyList<RealMlpParameters> Networks => _networks.Select(n => n.Parameters).ToArray();

    public OutputScaling Scaling { get; }

    internal IReadOnlyList<RealMlpNetwork> NetworkList => _networks;

    public int PredictBatchSize { get; }

    public IReadOnlyDictionary<string, double> Facts { get; }

    public Predictions Predict(Dataset data, int threads)
    {
        using var pool = new WorkerPool(threads);
        return Predict(Encoder.Encode(data), pool, RealMlpEvaluator.Scratch(_networks[0]));
    }

    internal Predictions Predict(EncodedRows rows, WorkerPool pool, ScratchSet scratch)
    {
        var raw = RealMlpEvaluator.Run(_networks, rows, pool, scratch);
        var outputs = Task == TaskKind.Regression ? 1 : ClassCount;
        var values = new double[rows.Count * outputs];
        Span<double> probabilities = stackalloc double[outputs];
        foreach (var network in raw)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                var target = values.AsSpan(r * outputs, outputs);
                if (Task == TaskKind.Regression)
                {
                    target[0] += Scaling.ToTarget(network[r]);
                    continue;
                }

                Softmax(network.AsSpan(r * outputs, outputs), probabilities);
                for (var c = 0; c < outputs; c++)
                {
                    target[c] += probabilities[c];
                }
            }
        }

        if (raw.Length > 1)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] /= raw.Length;
            }
        }

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
