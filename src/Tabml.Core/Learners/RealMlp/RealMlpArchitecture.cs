namespace Tabml.Learners.RealMlp;

/// <summary>
/// The shape of a RealMLP: input blocks, hidden widths and outputs (method-spec §2.4–2.5). The first-layer
/// input is [numeric block | binary block | 8-wide embeddings], where the numeric block is, per feature,
/// PBLD's 3 learned values (all features) then the raw values; PL/PLR's 4 learned values; or the raw value.
/// </summary>
public sealed record RealMlpArchitecture(
    int NumericCount,
    int BinaryCount,
    IReadOnlyList<int> EmbeddingCatSizes,
    int EmbeddingSize,
    NumericEmbedding NumericEmbedding,
    int EmbeddingHidden,
    int EmbeddingOutputs,
    bool FrontScale,
    IReadOnlyList<int> HiddenSizes,
    int Outputs,
    HiddenActivation Activation,
    bool Parametric,
    bool Ntk)
{
    public static RealMlpArchitecture For(MlpInputEncoder encoder, RealMlpSettings settings, int outputs) => new(
        encoder.Numeric.Count,
        encoder.Binary.Count,
        encoder.Embeddings.Select(e => e.CatSize).ToArray(),
        settings.EmbeddingSize,
        settings.NumEmbType,
        settings.PlrHidden1,
        settings.PlrHidden2,
        settings.AddFrontScale,
        settings.HiddenSizes,
        outputs,
        settings.Activation,
        settings.UseParametricAct,
        settings.WeightParam == WeightParametrization.Ntk);

    public bool Pbld => NumericEmbedding == NumericEmbedding.Pbld && NumericCount > 0;

    /// <summary>PL or PLR: periodic features (cos, sin) through a linear layer, ReLU for PLR.</summary>
    public bool Periodic => NumericEmbedding is NumericEmbedding.Pl or NumericEmbedding.Plr && NumericCount > 0;

    /// <summary>Width of the numeric block.</summary>
    public int NumericWidth => Pbld || Periodic ? NumericCount * EmbeddingOutputs : NumericCount;

    /// <summary>Learned outputs per feature: PBLD's DenseNet part is the raw value, so one fewer.</summary>
    public int EmbeddingLearned => Pbld ? EmbeddingOutputs - 1 : EmbeddingOutputs;

    public int PbldLearned => EmbeddingLearned;

    public int PbldHidden => EmbeddingHidden;

    public int InputWidth => NumericWidth + BinaryCount + (EmbeddingCatSizes.Count * EmbeddingSize);

    public int BinaryOffset => NumericWidth;

    public int EmbeddingOffset => NumericWidth + BinaryCount;

    /// <summary>The factor of the NTK parametrisation (x·W/√in), 1 in the standard one.</summary>
    public float LayerScale(int inWidth) => Ntk ? 1f / MathF.Sqrt(inWidth) : 1f;

    /// <summary>Input and output width of each of the dense layers, output layer last.</summary>
    public IReadOnlyList<(int In, int Out)> Layers
    {
        get
        {
            var layers = new List<(int, int)>();
            var width = InputWidth;
            foreach (var hidden in HiddenSizes)
            {
                layers.Add((width, hidden));
                width = hidden;
            }

            layers.Add((width, Outputs));
            return layers;
        }
    }
}
