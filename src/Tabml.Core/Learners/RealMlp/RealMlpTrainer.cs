using Tabml.Numerics.Random;
using Tabml.Numerics.Threading;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// The training loop of method-spec §2.10–2.11 for the n_ens networks of a fit, side by side: each
/// network's batches of min(256, n) rows come from its own fresh permutation each epoch (the last partial
/// batch dropped); per step the schedules at t = s/(E·B) evaluated before the step, a training-mode forward
/// and backward, decoupled weight decay and Adam per tensor (<see cref="TrainingStep"/>); after each epoch
/// the validation metric of the averaged prediction, keeping the latest best (≤) parameters of all
/// networks, restored at the end. The threads come from the context at every step.
/// </summary>
internal sealed class RealMlpTrainer
{
    private const ulong ShuffleStream = 2;
    private const ulong DropoutStream = 3;

    private readonly RealMlpSettings _settings;

    public RealMlpTrainer(RealMlpSettings settings) => _settings = settings;

    /// <summary>Per-epoch validation metrics of the last run (index 0 = epoch 1).</summary>
    public List<double> ValidationCurve { get; } = [];

    public int BestEpoch { get; private set; }

    public bool CutShort { get; private set; }

    /// <summary>Times the parts of every step when set (for the benchmark).</summary>
    public StepProfile? Profile { get; init; }

    /// <summary>The members of a fit: each network with its batch buffers and its own streams.</summary>
    public static TrainingMember[] Members(RealMlpSession session, int seed, int batchSize) =>
        session.Networks.Select((network, k) =>
        {
            var networkSeed = RealMlpLearner.NetworkSeed(seed, k);
            var dropout = new LaneRandom(DeterministicRandom.ForStream(networkSeed, DropoutStream).NextUInt64());
            return new TrainingMember(network, batchSize, DeterministicRandom.ForStream(networkSeed, ShuffleStream), dropout);
        }).ToArray();

    public void Train(RealMlpSession session, LearnerContext context, string learnerName)
    {
        var n = session.Train.Count;
        var plan = TrainingPlan.For(n, _settings.BatchSize, _settings.NEpochs);
        var members = Members(session, context.Seed, plan.BatchSize);
        using var pool = new WorkerPool(context.CurrentThreads);
        var scratch = RealMlpEvaluator.Scratch(session.Networks[0]);
        var step = new TrainingStep(members, session.Train, session.Targets, scratch, Profile);
        var probe = session.Model(new Dictionary<string, double>());
        var tracker = new BestEpochTracker();
        var tensors = session.Networks[0].Parameters.All;
        SaveBest(members);
        step.DrawMasks(Dropout(plan, 0));
        var s = 0;
        var lastEpoch = Math.Min(plan.Epochs, _settings.StopEpoch ?? plan.Epochs);
        var epochsRun = 0;
        for (var epoch = 1; epoch <= lastEpoch; epoch++)
        {
            epochsRun = epoch;
            context.Cancellation.ThrowIfCancellationRequested();
            foreach (var member in members)
            {
                member.Reshuffle(n);
            }

            for (var b = 0; b < plan.BatchesPerEpoch; b++, s++)
            {
                pool.SetThreads(context.CurrentThreads);
                foreach (var member in members)
                {
                    member.Permutation.AsSpan(b * plan.BatchSize, plan.BatchSize).CopyTo(member.Batch.Rows);
                }

                step.Run(pool, StepUpdate.For(_settings, tensors, plan.Progress(s), s + 1, Dropout(plan, s + 1)));
            }

            double? metric = null;
            if (session.Valid is { } valid)
            {
                metric = session.Metric.Compute(session.ValidTarget!, probe.Predict(valid, pool, scratch));
                ValidationCurve.Add(metric.Value);
                if (tracker.Record(epoch, metric.Value) && _settings.SelectBestEpoch)
                {
                    SaveBest(members);
                    BestEpoch = epoch;
                }
            }

            context.Progress?.Report(new LearnerProgress(learnerName, epoch, plan.Epochs, "epoch", session.Targets.MetricName, metric));
            if (context.Deadline is { } deadline && DateTimeOffset.UtcNow >= deadline && epoch < plan.Epochs)
            {
                CutShort = true;
                break;
            }
        }

        if (session.Valid is not null && _settings.SelectBestEpoch)
        {
            foreach (var member in members)
            {
                member.Network.Parameters.Restore(member.Best);
                member.Network.PackAll();
            }
        }
        else
        {
            BestEpoch = ValidationCurve.Count == 0 ? epochsRun : ValidationCurve.Count;
        }
    }

    /// <summary>The dropout probability of 0-based step <paramref name="step"/>: p·schedule(t) at t before the step.</summary>
    private double Dropout(TrainingPlan plan, int step) => _settings.PDrop * Schedules.Evaluate(_settings.PDropSched, plan.Progress(step));

    private static void SaveBest(TrainingMember[] members)
    {
        foreach (var member in members)
        {
            var p = member.Network.Parameters;
            member.Best ??= new float[p.Count];
            p.Snapshot(member.Best);
        }
    }
}

/// <summary>What a training step needs of the target: class labels or standardised values.</summary>
internal sealed record TrainingTargets(int[]? Labels, int Classes, float LabelSmoothing, float[]? Values, string MetricName);
