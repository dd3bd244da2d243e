using Tabml.Data;
using Tabml.Settings;

namespace Tabml.Learners.RealMlp;

/// <summary>The defaults files of the RealMLP variants: defaults/{realmlp-td,realmlp-td-s,mlp-d}.{classification,regression}.json.</summary>
public static class RealMlpDefaults
{
    /// <summary>The variant's defaults; <paramref name="variant"/> may be any name of <see cref="ModelNames"/> (realmlp-s is realmlp-td-s).</summary>
    public static RealMlpSettings Load(string variant, TaskKind task) =>
        DefaultsCatalog.Load<RealMlpSettings>($"{ModelNames.Canonical(variant)}.{(task.IsClassification() ? "classification" : "regression")}");
}
