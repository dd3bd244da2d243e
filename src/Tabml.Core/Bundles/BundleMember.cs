using System.Text.Json.Nodes;
using Tabml.Learners;

namespace Tabml.Bundles;

/// <summary>A fitted member of a bundle with its ensemble weight and validation scores.</summary>
public sealed record BundleMember(
    string Name,
    IModel Model,
    double Weight,
    IReadOnlyDictionary<string, double> Validation,
    JsonNode? Settings);
