using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Data;
using Tabml.Numerics.Simd;

namespace Tabml.Bundles;

/// <summary>What `tabml info MODEL` shows of a bundle: its schema, how it was trained, and its members.</summary>
public sealed record BundleDescription
{
    public required string Path { get; init; }

    public string? TabmlVersion { get; init; }

    public required string Task { get; init; }

    public required string Target { get; init; }

    public required IReadOnlyList<string> Classes { get; init; }

    public required IReadOnlyList<FeatureDescription> Features { get; init; }

    public required IReadOnlyList<string> MissingTokens { get; init; }

    public required BundleValidation Validation { get; init; }

    public required BundleSettings? Settings { get; init; }

    /// <summary>The instruction set the numeric kernels used at training ("vector512"...); null when the bundle predates recording it.</summary>
    public SimdLevel? InstructionSet => Settings?.Simd;

    public string? EnsembleMethod { get; init; }

    public string? EnsembleMetric { get; init; }

    public string? BestMember { get; init; }

    /// <summary>The blend's own ts-mix inverse temperature (preset best); null when the blend is not calibrated.</summary>
    public double? BlendInverseTemperature { get; init; }

    public required IReadOnlyList<MemberDescription> Members { get; init; }

    public static BundleDescription Describe(string path, ModelBundle bundle) => new()
    {
        Path = path,
        TabmlVersion = bundle.TabmlVersion,
        Task = bundle.Task.ToName(),
        Target = bundle.Schema.Target.Name,
        Classes = bundle.Schema.Target.ClassLabels,
        Features = bundle.Schema.Features.Select(f => new FeatureDescription(f.Name, f.Kind == ColumnKind.Numeric ? "numeric" : "categorical", f.Kind == ColumnKind.Numeric ? null : f.Categories.Count)).ToArray(),
        MissingTokens = bundle.Schema.MissingTokens,
        Validation = bundle.Validation,
        Settings = bundle.Settings.Deserialize<BundleSettings>(BundleJson.Options),
        EnsembleMethod = Text(bundle.Ensemble, "method"),
        EnsembleMetric = Text(bundle.Ensemble, "metric"),
        BestMember = Text(bundle.Ensemble, "best_member"),
        BlendInverseTemperature = bundle.BlendCalibrator?.InverseTemperature,
        Members = bundle.Members.Select(m => new MemberDescription(m.Name, m.Model.LearnerName, FormatOf(m.Model), m.Weight, m.Validation, m.Model.Facts)).ToArray(),
    };

    /// <summary>A calibrated member shows its inner format and the calibration (e.g. lightgbm+ts-mix).</summary>
    private static string FormatOf(Learners.IModel model) =>
        model is Calibration.CalibratedModel calibrated ? $"{FormatOf(calibrated.Inner)}+ts-mix" : model.Format;

    private static string? Text(JsonObject? section, string key) =>
        section?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>One input column of a bundle's schema: its kind and, for a categorical, how many categories it knows.</summary>
public sealed record FeatureDescription(string Name, string Kind, int? Categories);

/// <summary>One member: its learner and format, ensemble weight, validation scores and fit facts.</summary>
public sealed record MemberDescription(string Name, string Learner, string Format, double Weight, IReadOnlyDictionary<string, double> Validation, IReadOnlyDictionary<string, double> Facts);
