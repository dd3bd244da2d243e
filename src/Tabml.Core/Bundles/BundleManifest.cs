using System.Text.Json.Nodes;

namespace Tabml.Bundles;

/// <summary>
/// manifest.json of a model bundle. Format history:
/// 1 — first version: schema, resolved settings, validation scores, members with weights and entry sha256s.
/// 2 — the schema lists date columns with their derived features (<see cref="BundleDateColumn"/>) and the
///     identifier columns left out of training; a version-1 file has neither and still loads.
/// </summary>
public sealed record BundleManifest(
    string Format,
    int FormatVersion,
    string TabmlVersion,
    BundleSchema Schema,
    JsonObject Settings,
    BundleValidation Validation,
    IReadOnlyList<BundleMemberInfo> Members,
    JsonObject? Ensemble)
{
    public const string FormatName = "tabml-model-bundle";
    public const int CurrentVersion = 2;
}

/// <summary>
/// The input schema: feature columns with kinds and category lists, the target and its classes, and (format
/// 2) the date columns and identifier columns (null when read from a format-1 file).
/// </summary>
public sealed record BundleSchema(
    IReadOnlyList<BundleColumn> Features,
    BundleTarget Target,
    IReadOnlyList<string> MissingTokens,
    IReadOnlyList<BundleDateColumn>? Dates = null,
    IReadOnlyList<string>? Identifiers = null);

/// <summary>A date column: its layout (null = ISO-8601), whether it has times, and its derived features in order.</summary>
public sealed record BundleDateColumn(string Name, string? Format, bool HasTime, IReadOnlyList<string> Features);

public sealed record BundleColumn(string Name, string Kind, IReadOnlyList<string>? Categories);

public sealed record BundleTarget(string Name, string Task, IReadOnlyList<string> ClassLabels);

/// <summary>How the members were validated: rows held out and the selection metric.</summary>
public sealed record BundleValidation(string Method, int TrainRows, int ValidRows, string Metric);

/// <summary>One member: its learner, model format, ensemble weight, validation scores, settings and entries.</summary>
public sealed record BundleMemberInfo(
    string Name,
    string Learner,
    string ModelFormat,
    double Weight,
    IReadOnlyDictionary<string, double> Validation,
    IReadOnlyDictionary<string, double> Facts,
    JsonNode? Settings,
    IReadOnlyList<BundleEntry> Entries);

/// <summary>A stored file of a member, with its size and sha256 (hex, lower case).</summary>
public sealed record BundleEntry(string Name, long Bytes, string Sha256);
