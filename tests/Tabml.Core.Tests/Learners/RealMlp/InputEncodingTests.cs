using Tabml.Data;
using Tabml.Learners.RealMlp;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>method-spec §2.2 category encodings by cardinality and the §2.4 input width example.</summary>
public sealed class InputEncodingTests
{
    [Fact]
    public void The_input_width_of_the_spec_example_is_27()
    {
        // 3 numeric features and categoricals with K = 2, 5, 20, 1 real categories.
        var data = Data(rows: 60);
        var encoder = MlpInputEncoder.Fit(data, Enumerable.Range(0, 60).ToArray(), RealMlpDefaults.Load("realmlp-td", TaskKind.Binary));
        var arch = RealMlpArchitecture.For(encoder, RealMlpDefaults.Load("realmlp-td", TaskKind.Binary), 2);

        Assert.Equal(27, arch.InputWidth);
        Assert.Equal(12 + 1 + 5 + 1, arch.EmbeddingOffset);
        Assert.Equal([21], encoder.Embeddings.Select(e => e.CatSize));
    }

    [Fact]
    public void Td_s_one_hot_encodes_every_categorical_and_skips_pbld()
    {
        var data = Data(rows: 60);
        var settings = RealMlpDefaults.Load("realmlp-s", TaskKind.Binary);
        var encoder = MlpInputEncoder.Fit(data, Enumerable.Range(0, 60).ToArray(), settings);

        Assert.Empty(encoder.Embeddings);
        Assert.Equal(1 + 5 + 20 + 1, encoder.Binary.Count);
        Assert.Equal(NumericEmbedding.None, settings.NumEmbType);
    }

    [Fact]
    public void Cat_size_2_and_3_become_one_plus_minus_one_column_and_missing_maps_as_the_spec_says()
    {
        Assert.Equal(-1f, BinaryInput.RawValue(BinaryKind.PlusMinusOne, 0, 0));
        Assert.Equal(1f, BinaryInput.RawValue(BinaryKind.PlusMinusOne, 0, 1));
        Assert.Equal(1f, BinaryInput.RawValue(BinaryKind.TwoCategories, 0, 1));
        Assert.Equal(-1f, BinaryInput.RawValue(BinaryKind.TwoCategories, 0, 2));
        Assert.Equal(0f, BinaryInput.RawValue(BinaryKind.TwoCategories, 0, 0));
        Assert.Equal(0f, BinaryInput.RawValue(BinaryKind.OneHot, 3, 0));
        Assert.Equal(1f, BinaryInput.RawValue(BinaryKind.OneHot, 3, 3));
    }

    [Fact]
    public void One_hot_columns_are_robust_scaled_and_clipped_like_numeric_ones()
    {
        var data = Data(rows: 60);
        var encoder = MlpInputEncoder.Fit(data, Enumerable.Range(0, 60).ToArray(), RealMlpDefaults.Load("realmlp-td", TaskKind.Binary));
        var encoded = encoder.Encode(data);
        var oneHot = encoder.Binary.Select((b, i) => (b, i)).First(x => x.b.Kind == BinaryKind.OneHot).i;

        // A category seen in fewer than a quarter of the rows: median 0, IQR 0, factor 2 → {0, 1.664101}.
        var values = Enumerable.Range(0, 60).Select(r => encoded.Binary[(r * encoder.Binary.Count) + oneHot]).Distinct().Order().ToArray();
        Assert.Equal([0f, 1.664101f], values.Select(v => MathF.Round(v, 6)));
    }

    [Fact]
    public void A_numeric_column_with_missing_values_is_imputed_with_its_median_and_gets_an_indicator()
    {
        var x = new float[] { 1, float.NaN, 3, 4, float.NaN, 10 };
        var data = new Dataset([new NumericColumn("x", x)], TargetColumn.Regression("y", new double[6]), 6);
        var encoder = MlpInputEncoder.Fit(data, Enumerable.Range(0, 6).ToArray(), RealMlpDefaults.Load("realmlp-td", TaskKind.Regression));
        var encoded = encoder.Encode(data);

        Assert.Equal(3.5f, encoder.Numeric[0].ImputeValue);
        var indicator = Assert.Single(encoder.Binary);
        Assert.Equal(BinaryKind.MissingIndicator, indicator.Kind);
        Assert.Equal(encoded.Numeric[1], encoded.Numeric[4]);
        Assert.NotEqual(encoded.Binary[0], encoded.Binary[1]);
        Assert.Equal(encoded.Binary[1], encoded.Binary[4]);
    }

    [Theory]
    [InlineData("k20", 21)]
    [InlineData("k20", 99)]
    [InlineData("k20", -3)]
    [InlineData("k1", 2)]
    [InlineData("k2", 3)]
    [InlineData("k5", 6)]
    public void Codes_beyond_the_category_range_are_encoded_as_missing(string column, int code)
    {
        // k20 is embedded (cat_size 21), k1 is ±1 (cat_size 2; missing in a third of the rows, so the two
        // values scale apart), k2 has two categories, k5 is one-hot.
        var data = Data(rows: 60);
        data = new Dataset(data.Features.Select(f => f.Name == "k1" ? new CategoricalColumn("k1", Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? 0 : 1).ToArray(), ["k10"]) : f).ToArray(), data.Target, 60);
        var encoder = MlpInputEncoder.Fit(data, Enumerable.Range(0, 60).ToArray(), RealMlpDefaults.Load("realmlp-td", TaskKind.Binary));

        var beyond = encoder.Encode(WithCodes(data, column, [code]));
        var missing = encoder.Encode(WithCodes(data, column, [0]));
        var known = encoder.Encode(WithCodes(data, column, [1]));

        Assert.Equal(missing.Binary, beyond.Binary);
        Assert.Equal(missing.Codes, beyond.Codes);
        // A known category encodes differently, so the comparison above can fail.
        Assert.False(known.Binary.SequenceEqual(missing.Binary) && known.Codes.SequenceEqual(missing.Codes));
    }

    private static Dataset WithCodes(Dataset data, string column, int[] codes)
    {
        var columns = data.Features.Select(f => f is CategoricalColumn c && c.Name == column
            ? new CategoricalColumn(c.Name, codes, c.Categories)
            : f.Name == column ? f : Slice(f, codes.Length)).ToArray();
        return new Dataset(columns, null, codes.Length);
    }

    private static FeatureColumn Slice(FeatureColumn column, int rows) => column switch
    {
        NumericColumn n => new NumericColumn(n.Name, n.Values[..rows]),
        CategoricalColumn c => new CategoricalColumn(c.Name, c.Codes[..rows], c.Categories),
        _ => throw new ArgumentException(column.Name, nameof(column)),
    };

    private static Dataset Data(int rows)
    {
        FeatureColumn Categorical(string name, int k) =>
            new CategoricalColumn(name, Enumerable.Range(0, rows).Select(i => 1 + (i % k)).ToArray(), Enumerable.Range(0, k).Select(c => $"{name}{c}").ToArray());
        var features = new[]
        {
            new NumericColumn("a", Enumerable.Range(0, rows).Select(i => (float)i).ToArray()),
            new NumericColumn("b", Enumerable.Range(0, rows).Select(i => (float)(i % 7)).ToArray()),
            new NumericColumn("c", Enumerable.Range(0, rows).Select(i => (float)Math.Sin(i)).ToArray()),
            Categorical("k2", 2),
            Categorical("k5", 5),
            Categorical("k20", 20),
            Categorical("k1", 1),
        };
        var labels = Enumerable.Range(0, rows).Select(i => i % 2).ToArray();
        return new Dataset(features, TargetColumn.Classification("y", TaskKind.Binary, labels, ["n", "p"]), rows);
    }
}
