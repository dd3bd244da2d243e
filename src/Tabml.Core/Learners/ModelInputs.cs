using Tabml.Data;
using Tabml.Errors;

namespace Tabml.Learners;

/// <summary>
/// The feature columns a fitted member reads, by name. The columns come from the bundle's input schema, so a
/// member that reads a column the data lacks, or of another kind, disagrees with its own bundle (an edited
/// or damaged model file): that is a bad model file (exit 3), never a crash.
/// </summary>
internal sealed class ModelInputs(Dataset data)
{
    private readonly Dictionary<string, FeatureColumn> _byName = data.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public FeatureColumn this[string name] =>
        _byName.TryGetValue(name, out var column) ? column : throw Inconsistent($"reads column '{name}', which the bundle's input schema does not have");

    public T Get<T>(string name)
        where T : FeatureColumn =>
        this[name] as T ?? throw Inconsistent($"reads column '{name}' as {(typeof(T) == typeof(NumericColumn) ? "numeric" : "categorical")}, which the bundle's input schema does not");

    private static TabmlException Inconsistent(string what) => new(ExitCodes.BadModelFile, $"the model file is inconsistent: a member {what}");
}
