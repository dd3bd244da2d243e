using System.Text.Json.Serialization;

namespace Tabml.Learners.RealMlp;

// The closed sets of values RealMlpSettings takes (method-spec §2.1, §3, §6), spelled in JSON as pytabkit
// spells them; an unknown spelling in a defaults file or a bundle is an error (Settings.StrictEnumConverter).

/// <summary>How numeric features enter the first layer: PBLD, PL, PLR (HPO only) or raw.</summary>
public enum NumericEmbedding
{
    None,
    Pbld,
    Pl,
    Plr,
}

/// <summary>"ntk": x·W/√in; "standard": x·W.</summary>
public enum WeightParametrization
{
    Ntk,
    Standard,
}

/// <summary>"robust_smooth_clip": median, IQR and smooth clipping (also on the binary block); "standard": z-scores of numeric columns.</summary>
public enum NumericScaling
{
    RobustSmoothClip,
    Standard,
}

/// <summary>"std": data-dependent, unit pre-activation std; "normal": N(0, 1); "glorot": uniform ±√(6/(in+out)).</summary>
public enum WeightInit
{
    Std,
    Normal,
    Glorot,
}

/// <summary>"he+5": data-dependent; "normal": N(0, 1); "zeros".</summary>
public enum BiasInit
{
    [JsonStringEnumMemberName("he+5")]
    HePlus5,
    Normal,
    Zeros,
}

/// <summary>The hidden layers' activation.</summary>
public enum HiddenActivation
{
    Selu,
    Mish,
    Relu,
}

/// <summary>A training-progress schedule of method-spec §2.9.</summary>
public enum Schedule
{
    Constant,
    FlatCos,
    [JsonStringEnumMemberName("coslog4")]
    Coslog4,
}
