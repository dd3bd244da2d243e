namespace Tabml.Learners.RealMlp;

/// <summary>
/// All trainable tensors of a RealMLP with their lr and weight-decay factors (method-spec §2.8 table):
/// scale (6, 1), PBLD (0.1, 1), embeddings (1, 1), weights (1, 1), biases (0.1, 0), α (0.1, 1).
/// The order is fixed: it is the order of Adam updates and of the saved weights.
/// </summary>
public sealed class RealMlpParameters
{
    public RealMlpParameters(RealMlpArchitecture architecture, RealMlpSettings settings)
    {
        Architecture = architecture;
        var all = new List<Parameter>();
        Parameter Add(string name, int length, double lr, double wd)
        {
            var p = new Parameter(name, length, lr, wd) { Index = all.Count };
            all.Add(p);
            return p;
        }

        var n = architecture.NumericCount;
        var h = architecture.EmbeddingHidden;
        var learned = architecture.EmbeddingLearned;
        if (architecture.FrontScale)
        {
            Scale = Add("scale", architecture.InputWidth, settings.ScaleLrFactor, 1.0);
        }

        if (architecture.Pbld)
        {
            NumW1 = Add("pbld.w1", n * h, settings.PlrLrFactor, 1.0);
            NumB1 = Add("pbld.b1", n * h, settings.PlrLrFactor, 1.0);
            NumW2 = Add("pbld.w2", n * learned * h, settings.PlrLrFactor, 1.0);
            NumB2 = Add("pbld.b2", n * learned, settings.PlrLrFactor, 1.0);
        }
        else if (architecture.Periodic)
        {
            NumW1 = Add("plr.w1", n * (h / 2), settings.PlrLrFactor, 1.0);
            NumW2 = Add("plr.w2", n * learned * h, settings.PlrLrFactor, 1.0);
            NumB2 = Add("plr.b2", n * learned, settings.PlrLrFactor, 1.0);
        }

        Embeddings = architecture.EmbeddingCatSizes.Select((size, e) => Add($"embedding{e}", size * architecture.EmbeddingSize, 1.0, 1.0)).ToArray();
        var layers = architecture.Layers;
        Weights = new Parameter[layers.Count];
        Biases = new Parameter[layers.Count];
        Alphas = new Parameter?[layers.Count];
        for (var l = 0; l < layers.Count; l++)
        {
            Weights[l] = Add($"layer{l}.weight", layers[l].In * layers[l].Out, 1.0, 1.0);
            Biases[l] = Add($"layer{l}.bias", layers[l].Out, settings.BiasLrFactor, settings.BiasWdFactor);
            if (architecture.Parametric && l < layers.Count - 1)
            {
                Alphas[l] = Add($"layer{l}.alpha", layers[l].Out, settings.ActLrFactor, 1.0);
                Array.Fill(Alphas[l]!.Value, 1f);
            }
        }

        if (Scale is not null)
        {
            Array.Fill(Scale.Value, 1f);
        }

        All = all;
        NumericEmbedding = new[] { NumW1, NumB1, NumW2, NumB2 }.OfType<Parameter>().ToArray();
        if (architecture.HiddenSizes.Count == 0)
        {
            throw new ArgumentException("a RealMLP needs at least one hidden layer", nameof(architecture));
        }
    }

    public RealMlpArchitecture Architecture { get; }

    public IReadOnlyList<Parameter> All { get; }

    public Parameter? Scale { get; }

    /// <summary>Numeric embedding, first layer: PBLD frequencies (feature × hidden) or PL/PLR frequencies (feature × hidden/2).</summary>
    public Parameter? NumW1 { get; }

    /// <summary>PBLD phase biases (feature × hidden).</summary>
    public Parameter? NumB1 { get; }

    /// <summary>Numeric embedding, second (linear) layer, laid out [feature][output][hidden].</summary>
    public Parameter? NumW2 { get; }

    public Parameter? NumB2 { get; }

    public Parameter[] Embeddings { get; }

    /// <summary>The numeric embedding's tensors in order (w1, b1, w2, b2 for PBLD; w1, w2, b2 for PL/PLR), as their gradient sums are laid out.</summary>
    public Parameter[] NumericEmbedding { get; }

    /// <summary>Dense weights, in×out row-major (NTK: used as x·W/√in).</summary>
    public Parameter[] Weights { get; }

    public Parameter[] Biases { get; }

    /// <summary>Parametric-activation α per hidden layer (null for the output layer or without parametric activations).</summary>
    public Parameter?[] Alphas { get; }

    public int Count => All.Sum(p => p.Length);

    /// <summary>A copy of every value, in <see cref="All"/> order (a checkpoint).</summary>
    public float[] Snapshot()
    {
        var snapshot = new float[Count];
        var offset = 0;
        foreach (var p in All)
        {
            p.Value.CopyTo(snapshot, offset);
            offset += p.Length;
        }

        return snapshot;
    }

    /// <summary>Copies every value into <paramref name="snapshot"/> (at least <see cref="Count"/> long).</summary>
    public void Snapshot(Span<float> snapshot)
    {
        var offset = 0;
        foreach (var p in All)
        {
            p.Value.CopyTo(snapshot[offset..]);
            offset += p.Length;
        }
    }

    public void Restore(ReadOnlySpan<float> snapshot)
    {
        var offset = 0;
        foreach (var p in All)
        {
            snapshot.Slice(offset, p.Length).CopyTo(p.Value);
            offset += p.Length;
        }
    }
}
