using Tabml.Data;
using Tabml.Errors;
using Tabml.Metrics;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// RealMLP-TD and RealMLP-TD-S (method-spec §2, §3) on tabml's own engine: fits the preprocessing and the
/// data-dependent init on the training rows, trains 256 epochs and keeps the epoch with the best validation
/// error / RMSE.
/// </summary>
public sealed class RealMlpLearner : ILearner
{
    public const string TunedName = "realmlp-td";
    public const string SimpleName = "realmlp-td-s";

    /// <summary>A plain MLP with common library defaults, on the same engine (the benchmark's MLP-D).</summary>
    public const string PlainName = "mlp-d";
    private const ulong InitStream = 1;
    private const ulong SubsetStream = 4;

    private readonly RealMlpSettings _settings;

    public RealMlpLearner(string name, RealMlpSettings settings, SimdLevel? level = null)
    {
        Name = name;
        _settings = settings;
        Level = level ?? SimdSupport.Active;
    }

    public string Name { get; }

    public object Settings => _settings;

    public SimdLevel Level { get; }

    /// <summary>Validation metric per epoch of the last fit (for tests and reports).</summary>
    public IReadOnlyList<double> LastValidationCurve { get; private set; } = [];

    public static RealMlpLearner Create(string name, TaskKind task) => new(name, RealMlpDefaults.Load(name, task));

    public IModel Fit(Dataset train, Dataset? valid, LearnerContext context)
    {
        var session = Prepare(train, valid, context);
        var trainer = new RealMlpTrainer(_settings, Level);
        trainer.Train(session.Network, session.Train, session.Targets, session.Valid, session.ValidationMetric, context, Name);
        LastValidationCurve = trainer.ValidationCurve;
        var facts = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [ModelFacts.BestEpoch] = trainer.BestEpoch,
            ["epochs_trained"] = trainer.ValidationCurve.Count,
            [ModelFacts.CutShort] = trainer.CutShort ? 1 : 0,
            ["input_width"] = session.Network.Architecture.InputWidth,
            ["fit_rows"] = session.FitRows,
        };
        return session.Model(facts);
    }

    /// <summary>Everything before the training loop: preprocessing, architecture, initialised network, targets.</summary>
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
        var parameters = new RealMlpParameters(architecture, _settings);
        var network = new RealMlpNetwork(parameters, Level);
        var scaling = classification ? OutputScaling.None : OutputScaling.Fit(target.RequireValues(), _settings.NormalizeOutput, _settings.ClampOutput);
        var encodedTrain = encoder.Encode(train);
        RealMlpInitializer.Initialize(network, _settings, encoder.Encode(train, fitRows), DeterministicRandom.ForStream((ulong)context.Seed, InitStream), Level);

        var targets = classification
            ? new TrainingTargets(target.RequireLabels(), target.ClassCount, (float)_settings.LsEps, null, "error")
            : new TrainingTargets(null, 1, 0f, target.RequireValues().Select(scaling.Standardize).ToArray(), "rmse");
        RealMlpModel Model(IReadOnlyDictionary<string, double> facts) =>
            new(Name, target.Task, target.ClassCount, encoder, parameters, scaling, _settings.PredictBatchSize, facts);
        var encodedValid = valid is null ? null : encoder.Encode(valid);
        Func<EncodedRows, double>? metric = null;
        if (valid is not null)
        {
            var validTarget = valid.RequireTarget();
            var probe = Model(new Dictionary<string, double>());
            IMetric loss = classification ? ClassificationError.Instance : RootMeanSquaredError.Instance;
            metric = rows => loss.Compute(validTarget, probe.Predict(rows));
        }

        return new RealMlpSession(network, encodedTrain, targets, encodedValid, metric, fitRows.Length, Model);
    }

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
