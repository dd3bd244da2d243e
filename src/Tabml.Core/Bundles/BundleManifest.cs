using System.Text.Json.Nodes;

namespace Tabml.Bundles;

/// <summary>
/// manifest.json of a model bundle. Format history:
/// 1 — first version: schema, resolved settings, validation scores, members with weights and entry sha256s.
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
    public const int CurrentVersion = 1;
}

/// <summary>The input schema: feature columns with kinds and category lists, the target and its classes.</summary>
public sealed record BundleSchema(IReadOnlyList<BundleColumn> Features, BundleTarget Target, IReadOnlyList<string> MissingTokens);

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
