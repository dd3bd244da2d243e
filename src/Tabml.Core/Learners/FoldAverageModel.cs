using System.Text.Json;
using Tabml.Bundles;
using Tabml.Data;

namespace Tabml.Learners;

/// <summary>
/// The K models of one learner from k-fold cross-fitting; it predicts their mean (probabilities averaged for
/// classification, as the reference averages its n_cv models, method-spec §2.12).
/// </summary>
public sealed class FoldAverageModel : IModel
{
    public const string FormatName = "fold-average";

    public FoldAverageModel(IReadOnlyList<IModel> folds)
    {
        if (folds.Count == 0)
        {
            throw new ArgumentException("no fold models", nameof(folds));
        }

        Folds = folds;
    }

    public IReadOnlyList<IModel> Folds { get; }

    public string LearnerName => Folds[0].LearnerName;

    public string Format => FormatName;

    public TaskKind Task => Folds[0].Task;

    public IReadOnlyDictionary<string, double> Facts
    {
        get
        {
            var facts = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["folds"] = Folds.Count };
            foreach (var key in Folds[0].Facts.Keys)
            {
                facts[$"mean_{key}"] = Folds.Average(f => f.Facts.GetValueOrDefault(key));
            }

            return facts;
        }
    }

    public Predictions Predict(Dataset data, int threads)
    {
        double[]? sum = null;
        var outputs = 0;
        foreach (var fold in Folds)
        {
            var p = fold.Predict(data, threads);
            outputs = p.OutputCount;
            sum ??= new double[p.Values.Length];
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += p.Values[i];
            }
        }

        var scale = 1.0 / Folds.Count;
        for (var i = 0; i < sum!.Length; i++)
        {
            sum[i] *= scale;
        }

        return new Predictions(data.RowCount, outputs, sum);
    }

    public void Dispose()
    {
        foreach (var fold in Folds)
        {
            fold.Dispose();
        }
    }

    public void Save(IArtifactWriter writer)
    {
        var index = new FoldIndex(Folds.Select(f => f.Format).ToArray());
        writer.Write("folds.json", JsonSerializer.SerializeToUtf8Bytes(index, BundleJson.Options));
        for (var f = 0; f < Folds.Count; f++)
        {
            Folds[f].Save(PrefixedArtifacts.Writing($"fold{f}/", writer));
        }
    }

    public static IModel Load(IArtifactReader reader, ModelLoadContext context)
    {
        FoldIndex? index;
        try
        {
            index = JsonSerializer.Deserialize<FoldIndex>(reader.Read("folds.json"), BundleJson.Options);
        }
        catch (JsonException e)
        {
            throw reader.Corrupt("folds.json", e.Message);
        }

        if (index is null || index.Formats.Count == 0 || index.Formats.Contains(FormatName))
        {
            throw reader.Corrupt("folds.json", "no fold models listed");
        }

        var folds = new List<IModel>();
        try
        {
            for (var f = 0; f < index.Formats.Count; f++)
            {
                folds.Add(ModelFormats.Load(index.Formats[f], PrefixedArtifacts.Reading($"fold{f}/", reader), context));
            }
        }
        catch
        {
            folds.ForEach(m => m.Dispose());
            throw;
        }

        return new FoldAverageModel(folds);
    }

    private sealed record FoldIndex(IReadOnlyList<string> Formats);
}
