using Tabml.Data;
using Tabml.Settings;

namespace Tabml.Learners.RealMlp;

/// <summary>The defaults files of the RealMLP variants: defaults/{realmlp-td,realmlp-s}.{classification,regression}.json.</summary>
public static class RealMlpDefaults
{
    public static RealMlpSettings Load(string variant, TaskKind task) =>
        DefaultsCatalog.Load<RealMlpSettings>($"{variant}.{(task.IsClassification() ? "classification" : "regression")}");
}
