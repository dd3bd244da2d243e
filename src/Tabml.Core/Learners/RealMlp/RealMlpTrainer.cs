using Tabml.Numerics.Optimization;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// The training loop of method-spec §2.10–2.11: batches of min(256, n) rows from a fresh permutation each
/// epoch with the last partial batch dropped; per step the schedules at t = s/(E·B) evaluated before the
/// step, a training-mode forward and backward, decoupled weight decay and Adam per tensor; after each
/// epoch the validation metric, keeping the latest best (≤) parameters, restored at the end.
/// </summary>
internal sealed class RealMlpTrainer
{
    private const ulong ShuffleStream = 2;
    private const ulong DropoutStream = 3;

    private readonly RealMlpSettings _settings;
    private readonly SimdLevel _level;

    public RealMlpTrainer(RealMlpSettings settings, SimdLevel level)
    {
        _settings = settings;
        _level = level;
    }

    /// <summary>Per-epoch validation metrics of the last run (index 0 = epoch 1).</summary>
    public List<double> ValidationCurve { get; } = [];

    public int BestEpoch { get; private set; }

    public bool CutShort { get; private set; }

    public void Train(RealMlpNetwork network, EncodedRows train, TrainingTargets targets, EncodedRows? valid, Func<EncodedRows, double>? validationMetric, LearnerContext context, string learnerName)
    {
        var n = train.Count;
        var plan = TrainingPlan.For(n, _settings.BatchSize, _settings.NEpochs);
        var (batch, batches, epochs) = (plan.BatchSize, plan.BatchesPerEpoch, plan.Epochs);
        var workspace = new RealMlpWorkspace(network.Architecture, batch);
        var shuffle = DeterministicRandom.ForStream((ulong)context.Seed, ShuffleStream);
        var dropoutRng = new LaneRandom(DeterministicRandom.ForStream((ulong)context.Seed, DropoutStream).NextUInt64());
        var parameters = network.Parameters;
        var tracker = new BestEpochTracker();
        var bestSnapshot = parameters.Snapshot();
        var step = 0;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var permutation = shuffle.Permutation(n);
            for (var b = 0; b < batches; b++)
            {
                var t = plan.Progress(step);
                var rows = permutation.AsSpan(b * batch, batch);
                BatchGather.Rows(train, rows, workspace);
                var dropout = (float)(_settings.PDrop * Schedules.Evaluate(_settings.PDropSched, t));
                TrainStep(network, workspace, rows, targets, dropout, dropoutRng);
                Update(parameters, t, step + 1);
                step++;
            }

            double? metric = null;
            if (valid is not null && validationMetric is not null)
            {
                metric = validationMetric(valid);
                ValidationCurve.Add(metric.Value);
                if (tracker.Record(epoch, metric.Value) && _settings.SelectBestEpoch)
                {
                    bestSnapshot = parameters.Snapshot();
                    BestEpoch = epoch;
                }
            }

            context.Progress?.Report(new LearnerProgress(learnerName, epoch, epochs, "epoch", targets.MetricName, metric));
            if (context.Deadline is { } deadline && DateTimeOffset.UtcNow >= deadline && epoch < epochs)
            {
                CutShort = true;
                break;
            }
        }

        if (valid is not null && _settings.SelectBestEpoch)
        {
            parameters.Restore(bestSnapshot);
        }
        else
        {
            BestEpoch = ValidationCurve.Count == 0 ? epochs : ValidationCurve.Count;
        }
    }

    internal static void TrainStep(RealMlpNetwork network, RealMlpWorkspace workspace, ReadOnlySpan<int> rows, TrainingTargets targets, float dropout, LaneRandom rng)
    {
        var count = rows.Length;
        network.AssembleInput(workspace, count);
        foreach (var p in network.Parameters.All)
        {
            Array.Clear(p.Gradient);
        }

        var outputs = network.Forward(workspace, count, dropout, rng);
        var gradient = workspace.GradientA.AsSpan(0, outputs.Length);
        if (targets.Labels is { } labels)
        {
            Span<int> batchLabels = stackalloc int[count];
            for (var i = 0; i < count; i++)
            {
                batchLabels[i] = labels[rows[i]];
            }

            Losses.SoftmaxCrossEntropy(outputs, batchLabels, targets.Classes, targets.LabelSmoothing, gradient);
        }
        else
        {
            Span<float> batchTargets = stackalloc float[count];
            for (var i = 0; i < count; i++)
            {
                batchTargets[i] = targets.Values![rows[i]];
            }

            Losses.MeanSquaredError(outputs, batchTargets, gradient);
        }

        network.Backward(workspace, count, dropout > 0f);
    }

    /// <summary>Decoupled decay with the squared lr factor, then Adam, for every tensor (method-spec §2.8).</summary>
    internal void Update(RealMlpParameters parameters, double t, int step)
    {
        var lr = _settings.Lr * Schedules.Evaluate(_settings.LrSched, t);
        var wd = _settings.Wd * Schedules.Evaluate(_settings.WdSched, t);
        foreach (var p in parameters.All)
        {
            var decay = (float)TrainingPlan.DecayMultiplier(wd, lr, p.LrFactor, p.WdFactor);
            Adam.Step(_level, p.Value, p.Gradient, p.FirstMoment, p.SecondMoment, (float)(lr * p.LrFactor), (float)_settings.Beta1, (float)_settings.Beta2, (float)_settings.OptEps, step, decay);
        }
    }
}

/// <summary>What a training step needs of the target: class labels or standardised values.</summary>
internal sealed record TrainingTargets(int[]? Labels, int Classes, float LabelSmoothing, float[]? Values, string MetricName);
