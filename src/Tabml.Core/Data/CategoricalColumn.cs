namespace Tabml.Data;

/// <summary>
/// A categorical column stored as integer codes (method-spec §1): code 0 is missing or unknown, and codes
/// 1..K are <see cref="Categories"/>[code − 1], in the schema's sorted order. cat_size is K + 1.
/// </summary>
public sealed class CategoricalColumn : FeatureColumn
{
    public CategoricalColumn(string name, int[] codes, IReadOnlyList<string> categories)
        : base(name)
    {
        Codes = codes;
        Categories = categories;
    }

    public const int MissingCode = 0;

    public int[] Codes { get; }

    public IReadOnlyList<string> Categories { get; }

    /// <summary>The number of codes including the missing slot (the reference's cat_size).</summary>
    public int CatSize => Categories.Count + 1;

    public override ColumnKind Kind => ColumnKind.Categorical;

    public override int Length => Codes.Length;

    public override FeatureColumn Slice(ReadOnlySpan<int> rows)
    {
        var codes = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            codes[i] = Codes[rows[i]];
        }

        return new CategoricalColumn(Name, codes, Categories);
    }

    public override int CountMissing()
    {
        var count = 0;
        foreach (var c in Codes)
        {
            if (c == MissingCode)
            {
                count++;
            }
        }

        return count;
    }
}
