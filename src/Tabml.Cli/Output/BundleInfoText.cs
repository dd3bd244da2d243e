using System.Globalization;
using System.Text;
using Tabml.Bundles;
using Tabml.Numerics.Simd;

namespace Tabml.Cli.Output;

/// <summary>`tabml info MODEL` for people: how the bundle was trained, its members, and its input schema.</summary>
internal static class BundleInfoText
{
    public static string Format(BundleDescription d)
    {
        var text = new StringBuilder();
        var classes = d.Classes.Count > 0 ? $" ({string.Join(", ", d.Classes)})" : string.Empty;
        text.AppendLine(CultureInfo.InvariantCulture, $"{d.Path}: tabml {d.TabmlVersion ?? "?"} model, {d.Task} on '{d.Target}'{classes}");
        text.AppendLine(CultureInfo.InvariantCulture, $"validation: {d.Validation.Method}, {d.Validation.TrainRows} training / {d.Validation.ValidRows} validated rows, members selected on {d.Validation.Metric}");
        if (d.Settings is { } s)
        {
            // Bundles since the thread count stopped mattering no longer record it.
            var preset = s.Preset is { } name ? $"preset {name}, " : string.Empty;
            var threads = s.Threads is { } t ? $", {t} thread(s)" : string.Empty;
            var folds = s.Folds is { } k ? $", {k} folds" : string.Empty;
            var refit = s.Refit == true ? ", the members with weight refitted on all rows" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"trained with: {preset}seed {s.Seed}{threads}{folds}{refit}, instruction set {InstructionSet(s.Simd)}");
        }

        if (d.EnsembleMethod is not null)
        {
            var blend = d.BlendInverseTemperature is { } beta ? string.Create(CultureInfo.InvariantCulture, $"; blend calibrated (ts-mix, β = {beta:G4})") : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"ensemble: {d.EnsembleMethod} on {d.EnsembleMetric ?? "?"}; best member {d.BestMember ?? "not recorded"}{blend}");
        }

        text.AppendLine();
        var scores = d.Members.SelectMany(m => m.Validation.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var members = new TextTable(["member", "learner", "format", "weight", .. scores.Select(k => $"valid {k}")]).AlignRight([.. Enumerable.Range(3, scores.Length + 1)]);
        foreach (var m in d.Members)
        {
            members.Add([m.Name, m.Learner, m.Format, Number(m.Weight), .. scores.Select(k => m.Validation.TryGetValue(k, out var v) ? Number(v) : "-")]);
        }

        text.Append(members);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"input columns ({d.Features.Count}); missing values: empty{string.Concat(d.MissingTokens.Select(t => $", '{t}'"))}");
        var features = new TextTable("column", "kind", "categories").AlignRight(2);
        foreach (var f in d.Features)
        {
            features.Add(f.Name, f.Kind, f.Categories?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        }

        text.Append(features);
        return text.ToString();
    }

    public static string InstructionSet(SimdLevel? level) => level switch
    {
        SimdLevel.Vector512 => "vector512 (AVX-512)",
        SimdLevel.Vector256 => "vector256 (AVX2)",
        SimdLevel.Scalar => "scalar",
        _ => "not recorded",
    };

    private static string Number(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
