using System.Globalization;
using Tabml.Errors;

namespace Tabml.Bench.Methods;

/// <summary>
/// How one member of a preset is fitted on a benchmark split: its learner, k-fold bagging over the split's
/// training and validation rows (null = the split's own holdout), RealMLP networks per split (n_ens), and
/// refit. Its method name is the learner's with suffixes, e.g. <c>realmlp-td.bag8.ens4</c>.
/// </summary>
public sealed record MemberVariant(string Learner, int? Folds, int Ensemble, bool Refit)
{
    public string Name
    {
        get
        {
            var name = Learner;
            name += Folds is { } k ? string.Create(CultureInfo.InvariantCulture, $".bag{k}") : string.Empty;
            name += Ensemble > 1 ? string.Create(CultureInfo.InvariantCulture, $".ens{Ensemble}") : string.Empty;
            return name + (Refit ? ".refit" : string.Empty);
        }
    }

    /// <summary>True when the member's validation predictions are out-of-fold over training + validation rows.</summary>
    public bool Bagged => Folds is not null;

    /// <summary>For a holdout refit, the method name of the fit it refits (e.g. <c>lightgbm-td</c>), whose outcome it can reuse.</summary>
    public string? ValidatedName => Refit && !Bagged ? (this with { Refit = false }).Name : null;

    /// <summary>Parses <c>LEARNER[.bagK][.ensN][.refit]</c>; null when <paramref name="name"/> has no suffix.</summary>
    public static MemberVariant? TryParse(string name, Func<string, string> resolveLearner)
    {
        var parts = name.Split('.');
        if (parts.Length < 2)
        {
            return null;
        }

        int? folds = null;
        var ensemble = 1;
        var refit = false;
        foreach (var part in parts[1..])
        {
            if (part.StartsWith("bag", StringComparison.Ordinal) && int.TryParse(part[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 2)
            {
                folds = k;
            }
            else if (part.StartsWith("ens", StringComparison.Ordinal) && int.TryParse(part[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                ensemble = n;
            }
            else if (part == "refit")
            {
                refit = true;
            }
            else
            {
                throw TabmlException.Usage($"benchmark method '{name}': unknown part '.{part}' (use .bagK, .ensN, .refit)");
            }
        }

        return new MemberVariant(resolveLearner(parts[0]), folds, ensemble, refit);
    }
}
