namespace Tabml.Learners;

/// <summary>A canonical model name, what it is, and the other spellings that mean it.</summary>
public sealed record ModelName(string Canonical, ModelNameKind Kind, string Description, IReadOnlyList<string> Aliases)
{
    /// <summary>"lightgbm-td (lightgbm)": the name with its aliases, as help and errors list it.</summary>
    public string Listing => Aliases.Count == 0 ? Canonical : $"{Canonical} ({string.Join(", ", Aliases)})";
}

/// <summary>What a name stands for: a learner `train` fits, a benchmark's random search, or a combination of members.</summary>
public enum ModelNameKind
{
    Learner,
    Search,
    Ensemble,
    Best,
}
