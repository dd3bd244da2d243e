using System.Diagnostics;
using System.Globalization;
using Tabml.Bench.Kernels;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.RealMlp;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;
using Tabml.Validation;

namespace Tabml.Bench.RealMlp;

/// <summary>
/// RealMLP-TD training speed on a CSV: seconds per 1000 training rows for the full 256-epoch fit, the
/// fraction of the FMA peak the whole loop reaches, and a profile of one epoch (where the time goes).
/// </summary>
public static class RealMlpProfile
{
    public static void Run(TextWriter output, string path, string target, TaskKind? task, bool fullFit)
    {
        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = target, Task = task }).Dataset;
        // The tabml protocol: 20% test, then 20% of the rest for validation.
        var outer = HoldoutSplitter.Split(data.RequireTarget(), 0.2, 0);
        var trainPart = data.Slice(outer.Train);
        var inner = HoldoutSplitter.Split(trainPart.RequireTarget(), 0.2, 0);
        var train = trainPart.Slice(inner.Train);
        var valid = trainPart.Slice(inner.Valid);
        var learner = RealMlpLearner.Create(RealMlpLearner.TunedName, train.Task);
        var settings = (RealMlpSettings)learner.Settings;
        var context = new LearnerContext { Seed = 0, Threads = 1 };
        var session = learner.Prepare(train, valid, context);
        var arch = session.Network.Architecture;
        var plan = TrainingPlan.For(train.RowCount, settings.BatchSize, settings.NEpochs);
        var flopsPerStep = 6.0 * plan.BatchSize * arch.Layers.Sum(l => (double)l.In * l.Out);
        var peak = FmaPeak.GigaflopsPerSecond(1, TimeSpan.FromSeconds(1));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}: {train.RowCount} training rows, {valid.RowCount} validation rows, input width {arch.InputWidth}, {plan.BatchesPerEpoch} steps per epoch, {SimdSupport.Active}; FMA peak {peak:F0} GFLOP/s (1 thread)"));

        var phases = ProfileEpoch(session, settings, plan);
        var total = phases.Values.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one epoch: {total * 1000:F1} ms ({total / plan.BatchesPerEpoch * 1000:F2} ms per step)"));
        foreach (var (name, seconds) in phases)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-34} {seconds * 1000,8:F1} ms  {100 * seconds / total,5:F1}%"));
        }

        var gemmSeconds = GemmOnly(arch, plan);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (the epoch's GEMMs alone: {gemmSeconds * 1000:F1} ms, {flopsPerStep * plan.BatchesPerEpoch / gemmSeconds / 1e9:F0} GFLOP/s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch loop: {flopsPerStep * plan.BatchesPerEpoch / total / 1e9:F0} GFLOP/s = {100 * flopsPerStep * plan.BatchesPerEpoch / total / 1e9 / peak:F0}% of the FMA peak"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"estimated full fit: {total * plan.Epochs / train.RowCount * 1000:F2} s per 1000 training rows"));

        if (fullFit)
        {
            var clock = Stopwatch.StartNew();
            using var model = RealMlpLearner.Create(RealMlpLearner.TunedName, train.Task).Fit(train, valid, context);
            var seconds = clock.Elapsed.TotalSeconds;
            var test = data.Slice(outer.Valid);
            var report = Metrics.EvaluationReport.Evaluate(test.RequireTarget(), model.Predict(test.WithoutTarget(), 1));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full fit: {seconds:F1} s = {seconds / train.RowCount * 1000:F2} s per 1000 training rows; best epoch {model.Facts[ModelFacts.BestEpoch]}; test {(report.Error is { } e ? $"error {e:F4}" : $"rmse {report.Rmse:F4} nrmse {report.Nrmse:F4}")}"));
        }
    }

    private static Dictionary<string, double> ProfileEpoch(RealMlpSession session, RealMlpSettings settings, TrainingPlan plan)
    {
        var network = session.Network;
        var workspace = new RealMlpWorkspace(network.Architecture, plan.BatchSize);
        var trainer = new RealMlpTrainer(settings, network.Parameters.All.Count > 0 ? SimdSupport.Active : SimdLevel.Scalar);
        var rng = new DeterministicRandom(1);
        var masks = new LaneRandom(2);
        var times = new Dictionary<string, double>
        {
            ["shuffle + gather batch"] = 0, ["input: PBLD, embeddings"] = 0, ["forward: layers, dropout"] = 0,
            ["loss + backward"] = 0, ["weight decay + Adam"] = 0, ["validation (per epoch)"] = 0,
        };
        var clock = new Stopwatch();
        void Time(string phase, Action action)
        {
            clock.Restart();
            action();
            times[phase] += clock.Elapsed.TotalSeconds;
        }

        for (var round = 0; round < 2; round++)
        {
            foreach (var key in times.Keys.ToList())
            {
                times[key] = 0;
            }

            int[] permutation = [];
            Time("shuffle + gather batch", () => permutation = rng.Permutation(session.Train.Count));
            for (var b = 0; b < plan.BatchesPerEpoch; b++)
            {
                var rows = permutation.AsMemory(b * plan.BatchSize, plan.BatchSize);
                Time("shuffle + gather batch", () => BatchGather.Rows(session.Train, rows.Span, workspace));
                Time("input: PBLD, embeddings", () => network.AssembleInput(workspace, plan.BatchSize));
                Time("forward: layers, dropout", () => network.Forward(workspace, plan.BatchSize, 0.15f, masks));
                Time("loss + backward", () => Backward(network, workspace, rows.Span, session.Targets));
                Time("weight decay + Adam", () => trainer.Update(network.Parameters, 0.3, b + 1));
            }

            if (session.ValidationMetric is { } metric)
            {
                Time("validation (per epoch)", () => metric(session.Valid!));
            }
        }

        return times;
    }

    private static void Backward(RealMlpNetwork network, RealMlpWorkspace workspace, ReadOnlySpan<int> rows, TrainingTargets targets)
    {
        foreach (var p in network.Parameters.All)
        {
            Array.Clear(p.Gradient);
        }

        var outputs = workspace.Z[^1].AsSpan(0, rows.Length * network.Architecture.Outputs);
        var gradient = workspace.GradientA.AsSpan(0, outputs.Length);
        if (targets.Labels is { } labels)
        {
            var batch = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                batch[i] = labels[rows[i]];
            }

            Losses.SoftmaxCrossEntropy(outputs, batch, targets.Classes, targets.LabelSmoothing, gradient);
        }
        else
        {
            var batch = new float[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                batch[i] = targets.Values![rows[i]];
            }

            Losses.MeanSquaredError(outputs, batch, gradient);
        }

        network.Backward(workspace, rows.Length, dropout: true);
    }

    /// <summary>The same GEMMs as one epoch's forward and backward passes, and nothing else.</summary>
    private static double GemmOnly(RealMlpArchitecture arch, TrainingPlan plan)
    {
        var b = plan.BatchSize;
        var buffers = arch.Layers.Select(l => (X: new float[b * l.In], W: new float[l.In * l.Out], Z: new float[b * l.Out], DW: new float[l.In * l.Out], DX: new float[b * l.In])).ToArray();
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < plan.BatchesPerEpoch; step++)
        {
            for (var l = 0; l < buffers.Length; l++)
            {
                var (inWidth, outWidth) = arch.Layers[l];
                var x = buffers[l];
                Gemm.Multiply(x.X, x.W, x.Z, b, inWidth, outWidth);
                Gemm.MultiplyTransposedA(x.X, x.Z, x.DW, inWidth, b, outWidth);
                Gemm.MultiplyTransposedB(x.Z, x.W, x.DX, b, outWidth, inWidth);
            }
        }

        return clock.Elapsed.TotalSeconds;
    }
}
