using Tabml.Bundles;
using Tabml.Data;
using Tabml.Training;

namespace Tabml.Onnx.Tests.Support;

/// <summary>
/// A bundle trained by tabml's own trainer on a training file, saved and loaded back (as <c>tabml export</c>
/// reads it), with a scoring file whose rows were not trained on: some numeric cells blanked (missing) and
/// some categorical cells set to a category never seen.
/// </summary>
public abstract class TrainedBundle : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tabml-onnx-tests", Guid.NewGuid().ToString("N"));

    protected TrainedBundle(DatasetSlice slice, IReadOnlyList<string> models, int? folds = null, TrainedBundleOptions? options = null)
    {
        options ??= new TrainedBundleOptions();
        Directory.CreateDirectory(_folder);
        var lines = slice.File == SyntheticData.Name ? SyntheticData.Lines() : File.ReadAllLines(Path.Combine(RepoPaths.Datasets, slice.File));
        var header = lines[0];

        // Shipped files may be sorted (by class, say): draw the rows in a seeded random order.
        var random = new Random(17);
        lines = [header, .. lines.Skip(1).Select(line => (Line: line, Key: random.Next())).OrderBy(x => x.Key).Select(x => x.Line)];
        var trainPath = Write("train.csv", lines.Take(1 + slice.TrainRows));
        var data = DatasetReader.ReadForTraining(trainPath, new TrainingReadOptions { Target = slice.Target, Task = slice.Task });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new Trainer().Train(data, new TrainOptions
        {
            Models = models,
            Seed = 0,
            Threads = 1,
            Folds = folds,
            Calibrate = options.Calibrate,
            RealMlpEnsemble = options.RealMlpEnsemble,
        });
        TrainSeconds = clock.Elapsed.TotalSeconds;
        var bundlePath = Path.Combine(_folder, "model.tabml");
        result.Bundle.Save(bundlePath);
        Bundle = ModelBundle.Load(bundlePath);
        var scoring = lines.Skip(1 + slice.TrainRows).Take(slice.ScoreRows).ToArray();
        ScorePath = Write("score.csv", [lines[0], .. Perturb(lines[0], scoring, Bundle.Schema)]);
        Data = DatasetReader.ReadForPrediction(ScorePath, Bundle.Schema);
        Raw = RawColumns.Read(ScorePath, Bundle.Schema);
    }

    public ModelBundle Bundle { get; }

    /// <summary>Wall-clock seconds the training took (the test's cost, printed with the ensemble's result).</summary>
    public double TrainSeconds { get; }

    public string ScorePath { get; }

    /// <summary>The scoring rows as tabml predict codes them.</summary>
    public Dataset Data { get; }

    /// <summary>The scoring rows as raw fields, for ONNX Runtime.</summary>
    public RawColumns Raw { get; }

    /// <summary>Exports the bundle (or one member), scores the scoring rows with ONNX Runtime and checks them against tabml.</summary>
    public Deviation ExportAndCheck(string? member = null) => ExportAndCheck(Bundle, member);

    /// <summary>The same for another bundle over this bundle's schema (a member loaded back with changes).</summary>
    public Deviation ExportAndCheck(ModelBundle bundle, string? member = null)
    {
        var model = OnnxExporter.Export(bundle, member);
        return Agreement.Check(bundle, Data, member, OrtScorer.Score(model, Raw));
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Row i blanks numeric column i mod n every 5th row and gives categorical column i mod m an unseen value every 7th row.</summary>
    private static IEnumerable<string> Perturb(string header, string[] rows, DatasetSchema schema)
    {
        var names = header.Split(',');
        var kinds = schema.FeatureKinds();
        var numeric = Enumerable.Range(0, names.Length).Where(c => kinds.GetValueOrDefault(names[c], (ColumnKind)(-1)) == ColumnKind.Numeric).ToArray();
        var categorical = Enumerable.Range(0, names.Length).Where(c => kinds.GetValueOrDefault(names[c], (ColumnKind)(-1)) == ColumnKind.Categorical).ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            var fields = rows[i].Split(',');
            if (i % 5 == 0 && numeric.Length > 0)
            {
                fields[numeric[i % numeric.Length]] = string.Empty;
            }

            if (i % 7 == 0 && categorical.Length > 0)
            {
                fields[categorical[i % categorical.Length]] = "never-seen-category";
            }

            yield return string.Join(',', fields);
        }
    }
}

/// <summary>Training options beyond the learners: ts-mix calibration of classification members, RealMLP's n_ens.</summary>
public sealed record TrainedBundleOptions(bool Calibrate = false, int RealMlpEnsemble = 1);

/// <summary>Which rows of a shipped dataset to train on (the first ones) and score (the next ones).</summary>
public sealed record DatasetSlice(string File, string Target, int TrainRows, int ScoreRows, TaskKind? Task = null);

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Datasets => Path.Combine(Root, "datasets");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TabularCli.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (TabularCli.sln)");
    }
}
