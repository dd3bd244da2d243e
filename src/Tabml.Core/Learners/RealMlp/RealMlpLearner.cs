using Tabml.Data;
using Tabml.Errors;
using Tabml.Metrics;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// RealMLP-TD and RealMLP-TD-S (method-spec §2, §3) on tabml's own engine: fits the preprocessing and the
/// data-dependent init on the training rows, trains 256 epochs and keeps the epoch with the best validation
/// loss (the context's metric, else error / RMSE); with n_ens &gt; 1, several networks per split on their
/// averaged predictions (§15).
/// </summary>
public sealed class RealMlpLearner : ILearner
{
    public const string TunedName = "realmlp-td";
    public const string SimpleName = "realmlp-td-s";

    /// <summary>A plain MLP with common library defaults, on the same engine (the benchmark's MLP-D).</summary>
    public const string PlainName = "mlp-d";

    /// <summary>Model fact: the register width (bits) of the kernels the model was trained with.</summary>
    public const string SimdBitsFact = "simd_bits";

    /// <summary>Model fact: networks per split.</summary>
    public const string NetworksFact = "n_ens";

    internal const ulong InitStream = 1;
    private const ulong SubsetStream = 4;
    private const ulong EnsembleStream = 1000;

    private readonly RealMlpSettings _settings;

    public RealMlpLearner(string name, RealMlpSettings settings, SimdLevel? level = null)
    {
        if (settings.NEns < 1)
        {
            throw TabmlException.Usage($"n_ens must be at least 1, got {settings.NEns}");
        }

        Name = name;
        _settings = settings;
        Level = SimdSupport.Effective(level ?? SimdSupport.Active);
    }

    public string Name { get; }

    public object Settings => _settings;

    public SimdLevel Level { get; }

    /// <summary>Validation metric per epoch of the last fit (for tests and reports).</summary>
    public IReadOnlyList<double> LastValidationCurve { get; private set; } = [];

    /// <summary>Times the parts and phases of every training step when set (for <c>tabml bench realmlp --full</c>).</summary>
    internal StepProfile? Profile { get; init; }

    public static RealMlpLearner Create(string name, TaskKind task) => new(name, RealMlpDefaults.Load(name, task));

    /// <summary>The seed of network <paramref name="index"/> of a fit: the fit's own seed for the first, so n_ens = 1 is unchanged.</summary>
    internal static ulong NetworkSeed(int seed, int index) =>
        index == 0 ? (ulong)seed : DeterministicRandom.ForStream((ulong)seed, EnsembleStream + (ulong)index).NextUInt64();

    public IModel Fit(Dataset train, Dataset? valid, LearnerContext context)
    {
        var session = Prepare(train, valid, context);
        var trainer = new RealMlpTrainer(_settings) { Profile = Profile };
        trainer.Train(session, context, Name);
        LastValidationCurve = trainer.ValidationCurve;
        var facts = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [ModelFacts.BestEpoch] = trainer.BestEpoch,
            ["epochs_trained"] = trainer.ValidationCurve.Count,
            [ModelFacts.CutShort] = trainer.CutShort ? 1 : 0,
            ["input_width"] = session.Networks[0].Architecture.InputWidth,
            ["fit_rows"] = session.FitRows,
            [SimdBitsFact] = SimdSupport.Bits(Level),
            [NetworksFact] = session.Networks.Count,
        };
        return session.Model(facts);
    }

    /// <summary>Everything before the training loop: preprocessing, architecture, initialised networks, targets.</summary>
    internal RealMlpSession Prepare(Dataset train, Dataset? valid, LearnerContext context)
    {
        var target = train.RequireTarget();
        var classification = target.Task.IsClassification();
        if (classification && target.RequireLabels().Distinct().Count() < 2)
        {
            throw TabmlException.BadData($"the training rows of '{target.Name}' hold a single class; a classifier needs at least 2 classes");
        }

        var fitRows = FitRows(train, context.Seed);
        var encoder = MlpInputEncoder.Fit(train, fitRows, _settings);
        var architecture = RealMlpArchitecture.For(encoder, _settings, classification ? target.ClassCount : 1);
        var scaling = classification ? OutputScaling.None : OutputScaling.Fit(target.RequireValues(), _settings.NormalizeOutput, _settings.ClampOutput);
        var encodedFit = encoder.Encode(train, fitRows);
        var networks = new RealMlpNetwork[_settings.NEns];
        for (var k = 0; k < networks.Length; k++)
        {
            networks[k] = new RealMlpNetwork(new RealMlpParameters(architecture, _settings), Level);
            RealMlpInitializer.Initialize(networks[k], _settings, encodedFit, DeterministicRandom.ForStream(NetworkSeed(context.Seed, k), InitStream), Level);
        }

        var metric = context.ValidationMetric ?? MetricCatalog.Default(target.Task);
        var targets = classification
            ? new TrainingTargets(target.RequireLabels(), target.ClassCount, (float)LabelSmoothing(context), null, metric.Name)
            : new TrainingTargets(null, 1, 0f, target.RequireValues().Select(scaling.Standardize).ToArray(), metric.Name);
        RealMlpModel Model(IReadOnlyDictionary<string, double> facts) =>
            new(Name, target.Task, target.ClassCount, encoder, networks, scaling, _settings.PredictBatchSize, facts);
        return new RealMlpSession(networks, encoder.Encode(train), targets, valid is null ? null : encoder.Encode(valid), valid?.RequireTarget(), metric, fitRows.Length, Model);
    }

    /// <summary>ε of the label smoothing: none when the selection metric scores probabilities (pytabkit's advice for log loss, AUC, Brier).</summary>
    internal double LabelSmoothing(LearnerContext context) => context.ValidationMetric?.UsesProbabilities == true ? 0.0 : _settings.LsEps;

    /// <summary>
    /// The rows the statistics and the data-dependent init are fitted on: all training rows, or a seeded
    /// random subset when their activations would exceed the init memory limit (method-spec §2.5 row cap,
    /// estimated as 62 floats per numeric feature plus the other input columns).
    /// </summary>
    private int[] FitRows(Dataset train, int seed)
    {
        var numeric = train.Features.Count(f => f.Kind == ColumnKind.Numeric);
        var floatsPerRow = Math.Max(1, (62 * numeric) + (12 * (train.Features.Count - numeric)));
        var cap = Math.Max(1, (int)Math.Min(int.MaxValue, _settings.InitRamLimitGb * (1L << 30) / (4L * floatsPerRow)));
        if (train.RowCount <= cap)
        {
            return Enumerable.Range(0, train.RowCount).ToArray();
        }

        var rows = DeterministicRandom.ForStream((ulong)seed, SubsetStream).Permutation(train.RowCount)[..cap];
        Array.Sort(rows);
        return rows;
    }
}
