using System.Diagnostics;
using System.Globalization;
using Tabml.Bench.Kernels;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.RealMlp;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Threading;
using Tabml.Validation;

namespace Tabml.Bench.RealMlp;

/// <summary>
/// RealMLP-TD training speed on a CSV with a given thread count: a profile of one epoch (wall time, GFLOP/s
/// and % of the FMA peak measured in the same run, thread time per part, and for the parts built on dense
/// products the share that is not the product itself), and with --full the complete 256-epoch fit in
/// seconds per 1000 training rows with its test metric.
/// </summary>
public static class RealMlpProfile
{
    public static void Run(TextWriter output, string path, string target, TaskKind? task, bool fullFit, int threads = 1, int ensemble = 1)
    {
        threads = Math.Max(1, threads);
        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = target, Task = task }).Dataset;
        // The tabml protocol: 20% test, then 20% of the rest for validation.
        var outer = HoldoutSplitter.Split(data.RequireTarget(), 0.2, 0);
        var trainPart = data.Slice(outer.Train);
        var inner = HoldoutSplitter.Split(trainPart.RequireTarget(), 0.2, 0);
        var train = trainPart.Slice(inner.Train);
        var valid = trainPart.Slice(inner.Valid);
        var settings = RealMlpDefaults.Load(RealMlpLearner.TunedName, train.Task) with { NEns = Math.Max(1, ensemble) };
        var learner = new RealMlpLearner(RealMlpLearner.TunedName, settings);
        var context = new LearnerContext { Seed = 0, Threads = threads };
        var session = learner.Prepare(train, valid, context);
        var arch = session.Networks[0].Architecture;
        var plan = TrainingPlan.For(train.RowCount, settings.BatchSize, settings.NEpochs);
        var macs = arch.Layers.Sum(l => (double)l.In * l.Out);
        var epochFlops = settings.NEns * ((6.0 * plan.BatchSize * macs * plan.BatchesPerEpoch) + (2.0 * valid.RowCount * macs));
        var (peak, bestPeak) = FmaPeak.Measure(threads, TimeSpan.FromSeconds(1));
        output.WriteLine(Invariant($"{Path.GetFileName(path)}: {train.RowCount} training rows, {valid.RowCount} validation rows, input width {arch.InputWidth}, {plan.BatchesPerEpoch} steps per epoch, n_ens {settings.NEns}, {learner.Level}, {threads} thread(s)"));
        output.WriteLine(Invariant($"FMA peak with {threads} thread(s), this run: {peak:F0} GFLOP/s on average, {bestPeak:F0} in the best 0.1 ms chunks"));

        var profile = ProfileEpoch(session, settings, plan, threads);
        output.WriteLine(Invariant($"one epoch: {profile.Wall * 1000:F1} ms wall = {epochFlops / profile.Wall / 1e9:F0} GFLOP/s = {100 * epochFlops / profile.Wall / 1e9 / peak:F0}% of the average peak"));
        var undisturbed = (profile.FastSteps * plan.BatchesPerEpoch) + profile.FastValidation;
        output.WriteLine(Invariant($"steps: median {profile.MedianStep * 1000:F2} ms, fastest tenth {profile.FastSteps * 1000:F2} ms; validation fastest {profile.FastValidation * 1000:F1} ms"));
        output.WriteLine(Invariant($"undisturbed estimate (fastest tenth of the steps, fastest validation): {undisturbed * 1000:F1} ms per epoch = {epochFlops / undisturbed / 1e9:F0} GFLOP/s = {100 * epochFlops / undisturbed / 1e9 / bestPeak:F0}% of the best-chunk peak; {undisturbed * plan.Epochs / train.RowCount * 1000:F2} s per 1000 training rows"));
        // Parts are thread time of the measured epoch; scaled to the undisturbed estimate they compare with the
        // products alone, timed the same way (fastest tenth of the steps).
        var scale = undisturbed / profile.Wall;
        output.WriteLine("  part (thread time, scaled to undisturbed)   ms   share   GEMM alone   not GEMM");
        var threadTotal = profile.Parts.Values.Sum();
        foreach (var (name, seconds) in profile.Parts)
        {
            var scaled = seconds * scale;
            var gemm = profile.GemmAlone.TryGetValue(name, out var g) ? Invariant($"{g * 1000,8:F1} ms {100 * Math.Max(0, scaled - g) / scaled,8:F0}%") : string.Empty;
            output.WriteLine(Invariant($"  {name,-38} {scaled * 1000,8:F1} {100 * seconds / threadTotal,6:F1}%  {gemm}"));
        }

        output.WriteLine(Invariant($"estimated full fit: {profile.Wall * plan.Epochs / train.RowCount * 1000:F2} s per 1000 training rows (this epoch's wall time)"));
        if (fullFit)
        {
            FullFit(output, data, outer, train, valid, settings, context, epochFlops * plan.Epochs, peak);
        }
    }

    private static void FullFit(TextWriter output, Dataset data, Holdout outer, Dataset train, Dataset valid, RealMlpSettings settings, LearnerContext context, double flops, double peak)
    {
        var profile = new StepProfile();
        var clock = Stopwatch.StartNew();
        var model = new RealMlpLearner(RealMlpLearner.TunedName, settings) { Profile = profile }.Fit(train, valid, context);
        var seconds = clock.Elapsed.TotalSeconds;
        var test = data.Slice(outer.Valid);
        var report = Metrics.EvaluationReport.Evaluate(test.RequireTarget(), model.Predict(test.WithoutTarget(), context.Threads));
        var metric = report.Error is { } e ? $"error {e:F4}" : $"rmse {report.Rmse:F4} nrmse {report.Nrmse:F4}";
        output.WriteLine(Invariant($"full fit: {seconds:F1} s = {seconds / train.RowCount * 1000:F2} s per 1000 training rows, {flops / seconds / 1e9:F0} GFLOP/s = {100 * flops / seconds / 1e9 / peak:F0}% of the FMA peak; best epoch {model.Facts[ModelFacts.BestEpoch]}; test {metric}"));
        FullFitPhases(output, profile, seconds, context.Threads);
    }

    /// <summary>
    /// Where the full fit's time went: per step phase its wall time, the thread time of each worker in it, and
    /// the waiting (wall × threads − thread time); the rest of the wall time is validation, shuffling and setup.
    /// Thread time that grows with the thread count at the same wall share is work made slower by the other
    /// cores (shared caches, clock), not waiting.
    /// </summary>
    private static void FullFitPhases(TextWriter output, StepProfile profile, double seconds, int threads)
    {
        output.WriteLine("  full fit by phase                      wall s   thread s (per worker)   waiting thread s");
        var phases = 0.0;
        foreach (var (phase, name) in new[] { (StepPhase.RowBlocks, "row blocks: forward, backward"), (StepPhase.Parameters, "parameters: Xᵀ·dY, Adam, repacking") })
        {
            var wall = profile.PhaseSeconds(phase);
            var workers = profile.WorkerSeconds(phase).Take(threads).ToArray();
            var busy = workers.Sum();
            phases += wall;
            output.WriteLine(Invariant($"  {name,-37} {wall,7:F2}   {busy,8:F2} ({string.Join(" + ", workers.Select(w => w.ToString("F2", CultureInfo.InvariantCulture)))})   {Math.Max(0, (wall * threads) - busy),8:F2}"));
        }

        output.WriteLine(Invariant($"  {"validation, shuffling, setup",-37} {seconds - phases,7:F2}"));
        // The parts' thread time over all workers: compared with one thread it shows which work the other core slows.
        output.WriteLine("  thread s by part: " + string.Join(", ", profile.Seconds().Select(p => Invariant($"{p.Key.ToString().ToLowerInvariant()} {p.Value:F2}"))));
    }

    private sealed record EpochProfile(double Wall, double MedianStep, double FastSteps, double FastValidation, Dictionary<string, double> Parts, Dictionary<string, double> GemmAlone);

    /// <summary>Times a second epoch (the first warms up) with the fit's own step, validation included.</summary>
    private static EpochProfile ProfileEpoch(RealMlpSession session, RealMlpSettings settings, TrainingPlan plan, int threads)
    {
        var profile = new StepProfile();
        var members = RealMlpTrainer.Members(session, 0, plan.BatchSize);
        var scratch = RealMlpEvaluator.Scratch(session.Networks[0]);
        var step = new TrainingStep(members, session.Train, session.Targets, scratch, profile);
        var probe = session.Model(new Dictionary<string, double>());
        var tensors = session.Networks[0].Parameters.All;
        using var pool = new WorkerPool(threads);
        step.DrawMasks(settings.PDrop);
        double wall = 0, validation = 0;
        var steps = new List<double>();
        var validations = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            profile.Clear();
            var clock = Stopwatch.StartNew();
            foreach (var member in members)
            {
                member.Reshuffle(session.Train.Count);
            }

            for (var b = 0; b < plan.BatchesPerEpoch; b++)
            {
                foreach (var member in members)
                {
                    member.Permutation.AsSpan(b * plan.BatchSize, plan.BatchSize).CopyTo(member.Batch.Rows);
                }

                var start = Stopwatch.GetTimestamp();
                step.Run(pool, StepUpdate.For(settings, tensors, 0.3, b + 1, settings.PDrop));
                if (round > 0)
                {
                    steps.Add((Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency);
                }
            }

            var validationStart = clock.Elapsed.TotalSeconds;
            _ = session.Metric.Compute(session.ValidTarget!, probe.Predict(session.Valid!, pool, scratch));
            validation = clock.Elapsed.TotalSeconds - validationStart;
            validations.Add(validation);
            wall = clock.Elapsed.TotalSeconds;
        }

        steps.Sort();
        var seconds = profile.Seconds();
        var parts = new Dictionary<string, double>
        {
            ["gather, input: PBLD, embeddings, scale"] = seconds[StepPart.Input],
            ["forward: hidden GEMMs + epilogue"] = seconds[StepPart.Forward],
            ["output head, loss, its backward"] = seconds[StepPart.Head],
            ["backward: dY·Wᵀ GEMMs + epilogue"] = seconds[StepPart.Backward],
            ["input backward: scale, PBLD"] = seconds[StepPart.InputBackward],
            ["weight gradients: Xᵀ·dY GEMMs"] = seconds[StepPart.WeightGradient],
            ["sums, decay + Adam, repacking"] = seconds[StepPart.Update],
            ["embedding tables"] = seconds[StepPart.Embeddings],
            ["dropout masks"] = seconds[StepPart.Masks],
            // Validation runs its blocks on every thread, so its thread time is its wall time × threads.
            ["validation (wall × threads)"] = validation * threads,
        };
        parts["waiting, shuffling (wall × threads − rest)"] = Math.Max(0, (wall * threads) - parts.Values.Sum());
        return new EpochProfile(wall, steps[steps.Count / 2], steps.Take(Math.Max(1, steps.Count / 10)).Average(), validations.Min(), parts, GemmAlone(session.Networks[0], plan, settings.NEns));
    }

    /// <summary>One epoch's dense products of the three kinds, with a plain store instead of the fused epilogues (one thread).</summary>
    private static Dictionary<string, double> GemmAlone(RealMlpNetwork network, TrainingPlan plan, int networks)
    {
        var level = network.Level;
        var layout = network.Layout(plan.BatchSize);
        var hidden = network.HiddenCount;
        var widest = Math.Max(network.Architecture.InputWidth, network.Layers.Take(hidden).Max(l => l.Out));
        var x = new float[layout.Length(widest)];
        var y = new float[layout.Length(widest)];
        var gradient = new float[network.Layers.Take(hidden).Max(l => l.In * l.Out)];
        var blocks = (plan.BatchSize + BatchState.BlockRows - 1) / BatchState.BlockRows;
        var perStep = new List<double[]>();
        for (var round = 0; round < 2; round++)
        {
            perStep.Clear();
            for (var s = 0; s < plan.BatchesPerEpoch * networks; s++)
            {
                var step = new double[3];
                for (var l = 0; l < hidden; l++)
                {
                    var packed = network.Layers[l];
                    var clock = Stopwatch.GetTimestamp();
                    for (var b = 0; b < blocks; b++)
                    {
                        var rows = Math.Min(BatchState.BlockRows, plan.BatchSize - (b * BatchState.BlockRows));
                        var forward = new PanelOutput(y, layout, packed.Out);
                        PanelGemm.Multiply(level, x.AsSpan(layout.Index(b * BatchState.BlockRows, 0)), StridedOperand.Panels(layout), rows, packed.In, packed.Forward, packed.Out, 0, PanelGemm.Panels(level, packed.Out), ref forward, b * BatchState.BlockRows);
                    }

                    var afterForward = Stopwatch.GetTimestamp();
                    for (var b = 0; b < blocks; b++)
                    {
                        var rows = Math.Min(BatchState.BlockRows, plan.BatchSize - (b * BatchState.BlockRows));
                        var backward = new PanelOutput(x, layout, packed.In);
                        PanelGemm.Multiply(level, y.AsSpan(layout.Index(b * BatchState.BlockRows, 0)), StridedOperand.Panels(layout), rows, packed.Out, packed.Backward, packed.In, 0, PanelGemm.Panels(level, packed.In), ref backward, b * BatchState.BlockRows);
                    }

                    var afterBackward = Stopwatch.GetTimestamp();
                    var weights = new RowMajorOutput(gradient, packed.In, packed.Out, packed.Out, accumulate: false);
                    PanelGemm.Multiply(level, x, StridedOperand.TransposedPanels(layout), packed.In, plan.BatchSize, y, packed.Out, 0, PanelGemm.Panels(level, packed.Out), ref weights);
                    var end = Stopwatch.GetTimestamp();
                    step[0] += (afterForward - clock) / (double)Stopwatch.Frequency;
                    step[1] += (afterBackward - afterForward) / (double)Stopwatch.Frequency;
                    step[2] += (end - afterBackward) / (double)Stopwatch.Frequency;
                }

                perStep.Add(step);
            }
        }

        // The fastest tenth of the steps, per kind, times the steps of an epoch.
        var times = new double[3];
        for (var kind = 0; kind < 3; kind++)
        {
            var sorted = perStep.Select(t => t[kind]).Order().ToArray();
            times[kind] = sorted.Take(Math.Max(1, sorted.Length / 10)).Average() * sorted.Length;
        }

        return new Dictionary<string, double>
        {
            ["forward: hidden GEMMs + epilogue"] = times[0],
            ["backward: dY·Wᵀ GEMMs + epilogue"] = times[1],
            ["weight gradients: Xᵀ·dY GEMMs"] = times[2],
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
