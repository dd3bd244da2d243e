using Tabml.Data;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// The fitted, non-learned preprocessing of RealMLP (method-spec §2.2): numeric columns are median-centred,
/// robust-scaled and smooth-clipped; categoricals become ±1 columns (cat_size 2 or 3), one-hot columns
/// (cat_size ≤ max_one_hot_cat_size, the missing slot dropped) or embedding codes (larger ones, code 0 =
/// missing/unknown). The ±1 and one-hot columns are scaled and clipped like numeric ones. Beyond the
/// reference, a numeric column with missing training values is imputed with its training median and gets
/// a 0/1 missing-indicator column in the binary block.
/// </summary>
public sealed record MlpInputEncoder(IReadOnlyList<NumericInput> Numeric, IReadOnlyList<BinaryInput> Binary, IReadOnlyList<EmbeddingInput> Embeddings, float MaxAbs, bool Clip)
{
    public static MlpInputEncoder Fit(Dataset train, int[] fitRows, RealMlpSettings settings)
    {
        var maxAbs = (float)settings.SmoothClipMaxAbsValue;
        var robust = settings.NumericScaling != NumericScaling.Standard;
        var numeric = new List<NumericInput>();
        var binary = new List<BinaryInput>();
        var indicators = new List<BinaryInput>();
        var embeddings = new List<EmbeddingInput>();
        foreach (var feature in train.Features)
        {
            if (feature is NumericColumn column)
            {
                var present = fitRows.Select(r => column.Values[r]).Where(v => !float.IsNaN(v)).ToArray();
                var hasMissing = present.Length < fitRows.Length || column.Values.Any(float.IsNaN);
                var impute = present.Length == 0 ? 0f : (float)RobustScale.Quantile(present.Order().ToArray(), 0.5);
                var values = fitRows.Select(r => float.IsNaN(column.Values[r]) ? impute : column.Values[r]).ToArray();
                numeric.Add(new NumericInput(column.Name, impute, robust ? RobustScale.Fit(values) : RobustScale.Standard(values)));
                if (hasMissing)
                {
                    var raw = fitRows.Select(r => float.IsNaN(column.Values[r]) ? 1f : 0f).ToArray();
                    indicators.Add(new BinaryInput(column.Name, BinaryKind.MissingIndicator, 0, robust ? RobustScale.Fit(raw) : RobustScale.Identity));
                }

                continue;
            }

            var categorical = (CategoricalColumn)feature;
            var catSize = categorical.CatSize;
            if (settings.MaxOneHotCatSize >= 0 && catSize > settings.MaxOneHotCatSize)
            {
                embeddings.Add(new EmbeddingInput(categorical.Name, catSize));
                continue;
            }

            var kinds = catSize switch
            {
                2 => [(BinaryKind.PlusMinusOne, 0)],
                3 => [(BinaryKind.TwoCategories, 0)],
                _ => Enumerable.Range(1, catSize - 1).Select(k => (BinaryKind.OneHot, k)).ToArray(),
            };
            foreach (var (kind, code) in kinds)
            {
                var raw = fitRows.Select(r => BinaryInput.RawValue(kind, code, categorical.Codes[r])).ToArray();
                binary.Add(new BinaryInput(categorical.Name, kind, code, robust ? RobustScale.Fit(raw) : RobustScale.Identity));
            }
        }

        binary.AddRange(indicators);
        return new MlpInputEncoder(numeric, binary, embeddings, maxAbs, robust);
    }

    /// <summary>The MLP's inputs for <paramref name="rows"/> of <paramref name="data"/> (all rows when null).</summary>
    public EncodedRows Encode(Dataset data, int[]? rows = null)
    {
        var count = rows?.Length ?? data.RowCount;
        var byName = new ModelInputs(data);
        var numeric = new float[count * Numeric.Count];
        for (var j = 0; j < Numeric.Count; j++)
        {
            var input = Numeric[j];
            var values = byName.Get<NumericColumn>(input.Column).Values;
            for (var i = 0; i < count; i++)
            {
                var v = values[rows is null ? i : rows[i]];
                numeric[(i * Numeric.Count) + j] = Transform(input.Scale, float.IsNaN(v) ? input.ImputeValue : v);
            }
        }

        var binary = new float[count * Binary.Count];
        for (var j = 0; j < Binary.Count; j++)
        {
            var input = Binary[j];
            var source = byName[input.Column];
            for (var i = 0; i < count; i++)
            {
                var row = rows is null ? i : rows[i];
                var raw = source is NumericColumn n
                    ? (float.IsNaN(n.Values[row]) ? 1f : 0f)
                    : BinaryInput.RawValue(input.Kind, input.Code, ((CategoricalColumn)source).Codes[row]);
                binary[(i * Binary.Count) + j] = Transform(input.Scale, raw);
            }
        }

        var codes = new int[count * Embeddings.Count];
        for (var j = 0; j < Embeddings.Count; j++)
        {
            var input = Embeddings[j];
            var values = byName.Get<CategoricalColumn>(input.Column).Codes;
            for (var i = 0; i < count; i++)
            {
                var code = values[rows is null ? i : rows[i]];
                // A code outside the known categories (a dataset built by hand, not read against the schema) is unknown: row 0.
                codes[(i * Embeddings.Count) + j] = (uint)code < (uint)input.CatSize ? code : 0;
            }
        }

        return new EncodedRows(count, numeric, binary, codes);
    }

    private float Transform(RobustScale scale, float x) => Clip ? scale.Apply(x, MaxAbs) : scale.Scale(x);
}

/// <summary>A numeric input: imputation value for missing entries and its robust scaling.</summary>
public sealed record NumericInput(string Column, float ImputeValue, RobustScale Scale);

/// <summary>One column of the binary block (±1, one-hot or missing indicator) with its robust scaling.</summary>
public sealed record BinaryInput(string Column, BinaryKind Kind, int Code, RobustScale Scale)
{
    /// <summary>The value before scaling for a category code (method-spec §2.2 encodings).</summary>
    public static float RawValue(BinaryKind kind, int code, int value) => kind switch
    {
        BinaryKind.PlusMinusOne => value == 1 ? 1f : -1f,
        BinaryKind.TwoCategories => value switch { 1 => 1f, 2 => -1f, _ => 0f },
        BinaryKind.OneHot => value == code ? 1f : 0f,
        _ => 0f,
    };
}

public enum BinaryKind
{
    /// <summary>cat_size 2: the category (code 1) → +1; missing and any unknown code → −1.</summary>
    PlusMinusOne,

    /// <summary>cat_size 3: code 1 → +1, code 2 → −1, missing → 0.</summary>
    TwoCategories,

    /// <summary>One column of a one-hot encoding (missing/unknown is all zeros).</summary>
    OneHot,

    /// <summary>1 where a numeric value was missing (tabml's extension).</summary>
    MissingIndicator,
}

/// <summary>A categorical input learned as an embedding table of cat_size rows (row 0 = missing/unknown).</summary>
public sealed record EmbeddingInput(string Column, int CatSize);

/// <summary>Encoded rows: scaled numeric values, the scaled binary block and embedding codes, row-major.</summary>
public sealed record EncodedRows(int Count, float[] Numeric, float[] Binary, int[] Codes);
