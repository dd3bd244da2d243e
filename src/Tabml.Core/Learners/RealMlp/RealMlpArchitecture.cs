namespace Tabml.Learners.RealMlp;

/// <summary>
/// The shape of a RealMLP: input blocks, hidden widths and outputs (method-spec §2.4–2.5). The first-layer
/// input is [PBLD block (4 per numeric feature: 3 learned, then all raw values) or raw numerics | binary
/// block | 8-wide embeddings].
/// </summary>
public sealed record RealMlpArchitecture(
    int NumericCount,
    int BinaryCount,
    IReadOnlyList<int> EmbeddingCatSizes,
    int EmbeddingSize,
    bool Pbld,
    int PbldHidden,
    int PbldOutputs,
    bool FrontScale,
    IReadOnlyList<int> HiddenSizes,
    int Outputs,
    string Activation,
    bool Parametric)
{
    /// <summary>Width of the numeric block: (learned + raw) per feature with PBLD, else the raw values.</summary>
    public int NumericWidth => Pbld ? NumericCount * PbldOutputs : NumericCount;

    /// <summary>Learned PBLD outputs per feature (plr_hidden_2 − 1, the DenseNet part is the raw value).</summary>
    public int PbldLearned => PbldOutputs - 1;

    public int InputWidth => NumericWidth + BinaryCount + (EmbeddingCatSizes.Count * EmbeddingSize);

    public int BinaryOffset => NumericWidth;

    public int EmbeddingOffset => NumericWidth + BinaryCount;

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
