using System.Globalization;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Training;

namespace Tabml.Bench.Methods;

/// <summary>
/// Benchmark methods named after presets: <c>paper</c>, <c>default</c>, <c>best</c>, optionally with levers
/// (<c>paper+calibrate</c>, <c>paper+selectll</c>, <c>paper+bag8</c>, <c>paper+ens4</c>, <c>paper+refit</c>, <c>best+nocalibrate</c>,
/// <c>best+holdout</c>, <c>default+enscal</c>, <c>best+noenscal</c>), resolved to the same <see cref="TrainOptions"/> `tabml train --preset` uses and to
/// one member variant per model.
/// </summary>
public static class PresetMethods
{
    public static bool IsPresetName(string name)
    {
        var head = name.Split('+')[0].Trim().ToLowerInvariant();
        return PresetCatalog.Names.Contains(head);
    }

    public static BenchMethod Resolve(string name)
    {
        var parts = name.Trim().ToLowerInvariant().Split('+');
        var options = TrainOptions.From(PresetCatalog.Get(parts[0]));
        foreach (var lever in parts[1..])
        {
            options = Apply(options, lever, name);
        }

        var members = Members(options).Select(v => v.Name).ToArray();
        return new BenchMethod(string.Join('+', parts), MethodKind.Preset, null, members) { Preset = options };
    }

    /// <summary>The member variant of each of the preset's models.</summary>
    public static IReadOnlyList<MemberVariant> Members(TrainOptions options) =>
        options.Models.Select(LearnerCatalog.Resolve)
            .Select(learner => new MemberVariant(learner, options.Folds, LearnerVariants.IsRealMlp(learner) ? options.RealMlpEnsemble : 1, options.Refit))
            .ToArray();

    private static TrainOptions Apply(TrainOptions options, string lever, string name)
    {
        if (lever == "calibrate")
        {
            return options with { Calibrate = true };
        }

        if (lever == "nocalibrate")
        {
            return options with { Calibrate = false };
        }

        if (lever == "enscal")
        {
            return options with { CalibrateEnsemble = true };
        }

        if (lever == "noenscal")
        {
            return options with { CalibrateEnsemble = false };
        }

        if (lever == "selectll")
        {
            return options with { SelectOnLogLoss = true };
        }

        if (lever == "refit")
        {
            return options with { Refit = true };
        }

        if (lever == "holdout")
        {
            return options with { Folds = null };
        }

        if (lever.StartsWith("bag", StringComparison.Ordinal) && int.TryParse(lever[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 2)
        {
            return options with { Folds = k };
        }

        if (lever.StartsWith("ens", StringComparison.Ordinal) && int.TryParse(lever[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            return options with { RealMlpEnsemble = n };
        }

        throw TabmlException.Usage($"benchmark method '{name}': unknown lever '{lever}' (use calibrate, nocalibrate, enscal, noenscal, selectll, bagK, holdout, ensN, refit)");
    }
}
