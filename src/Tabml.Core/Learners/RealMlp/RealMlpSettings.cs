using System.Text.Json.Serialization;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// RealMLP hyperparameters (method-spec §2.1 for TD, §3 for TD-S), read from defaults/realmlp-*.json.
/// Names follow pytabkit's where one exists.
/// </summary>
public sealed record RealMlpSettings
{
    public required int[] HiddenSizes { get; init; }

    /// <summary>"pbld" (periodic, bias, linear, DenseNet), "pl", "plr" (periodic, linear, ReLU; HPO only) or "none".</summary>
    public required NumericEmbedding NumEmbType { get; init; }

    public required double PlrSigma { get; init; }

    [JsonPropertyName("plr_hidden_1")]
    public required int PlrHidden1 { get; init; }

    [JsonPropertyName("plr_hidden_2")]
    public required int PlrHidden2 { get; init; }

    public required double PlrLrFactor { get; init; }

    /// <summary>Categoricals with cat_size (K + 1) at most this are one-hot/±1, larger ones embedded; −1 = never embed.</summary>
    public required int MaxOneHotCatSize { get; init; }

    public required int EmbeddingSize { get; init; }

    public required bool AddFrontScale { get; init; }

    public required double ScaleLrFactor { get; init; }

    /// <summary>"ntk" (x·W/√in) or "standard" (x·W).</summary>
    public required WeightParametrization WeightParam { get; init; }

    /// <summary>"robust_smooth_clip" (median, IQR, smooth clip; also on the binary block) or "standard" (z-score of numeric columns only).</summary>
    public required NumericScaling NumericScaling { get; init; }

    /// <summary>Keep the epoch with the best validation metric (else the last epoch).</summary>
    public required bool SelectBestEpoch { get; init; }

    /// <summary>"std" (data-dependent, unit pre-activation std 1), "normal" (N(0, 1)) or "glorot" (uniform ±√(6/(in+out))).</summary>
    public required WeightInit WeightInitMode { get; init; }

    /// <summary>"he+5" (data-dependent), "normal" (N(0, 1)) or "zeros".</summary>
    public required BiasInit BiasInitMode { get; init; }

    /// <summary>Whether the output layer's weight and bias start at zero (TD-S) instead of the hidden-layer init.</summary>
    public required bool ZeroOutputInit { get; init; }

    public required double BiasLrFactor { get; init; }

    public required double BiasWdFactor { get; init; }

    /// <summary>"selu", "mish" or "relu".</summary>
    public required HiddenActivation Activation { get; init; }

    public required bool UseParametricAct { get; init; }

    public required double ActLrFactor { get; init; }

    public required double PDrop { get; init; }

    /// <summary>"flat_cos" or "constant".</summary>
    public required Schedule PDropSched { get; init; }

    public required double Wd { get; init; }

    public required Schedule WdSched { get; init; }

    /// <summary>Label smoothing ε (classification only; 0 disables).</summary>
    public required double LsEps { get; init; }

    public required bool NormalizeOutput { get; init; }

    public required bool ClampOutput { get; init; }

    public required double Lr { get; init; }

    /// <summary>"coslog4" or "constant".</summary>
    public required Schedule LrSched { get; init; }

    public required double Beta1 { get; init; }

    public required double Beta2 { get; init; }

    public required double OptEps { get; init; }

    public required int NEpochs { get; init; }

    public required int BatchSize { get; init; }

    public required int PredictBatchSize { get; init; }

    public required double SmoothClipMaxAbsValue { get; init; }

    /// <summary>
    /// Networks per train/validation split (pytabkit's n_ens, method-spec §15): each with its own init,
    /// dropout and shuffling streams, trained side by side, validated and predicting on their average.
    /// Not required: bundles written before it existed (tabml 0.1) trained one network.
    /// </summary>
    public int NEns { get; init; } = 1;

    /// <summary>
    /// Train only this many epochs of the n_epochs schedule (pytabkit's stop_epoch, used by refit: the
    /// schedules still run over n_epochs); null trains them all.
    /// </summary>
    public int? StopEpoch { get; init; }

    /// <summary>Memory the data-dependent init may use (GiB of float32 activations); sets the init row cap.</summary>
    public required double InitRamLimitGb { get; init; }
}
