using Tabml.Data.Csv;

namespace Tabml.Data;

/// <summary>Turns read CSV column values into typed feature columns, with sorted category codes.</summary>
internal static class FeatureBuilder
{
    /// <summary>A training column over <paramref name="rows"/> (null = all rows) and its schema.</summary>
    public static (FeatureColumn Column, ColumnSchema Schema) ForTraining(ColumnValues values, int[]? rows)
    {
        if (values is NumericValues numeric)
        {
            var source = numeric.Single ?? numeric.Precise!.Select(v => (float)v).ToArray();
            var floats = rows is null ? source : rows.Select(r => source[r]).ToArray();
            return (new NumericColumn(values.Name, floats), ColumnSchema.Numeric(values.Name));
        }

        var text = (TextValues)values;
        var used = new bool[text.Distinct.Count];
        var count = rows?.Length ?? text.Length;
        for (var i = 0; i < count; i++)
        {
            var code = text.Codes[rows is null ? i : rows[i]];
            if (code != TextValues.Missing)
            {
                used[code] = true;
            }
        }

        var categories = CategoryOrder.Sort(text.Distinct.Where((_, i) => used[i]));
        var schema = new ColumnSchema(values.Name, ColumnKind.Categorical, categories);
        var (column, _) = Encode(text, schema, rows);
        return (column, schema);
    }

    /// <summary>A prediction column coded against the stored schema, and the unseen categories with counts.</summary>
    public static (FeatureColumn Column, Dictionary<string, int> Unseen) ForPrediction(ColumnValues values, ColumnSchema schema)
    {
        if (schema.Kind == ColumnKind.Numeric)
        {
            var numeric = (NumericValues)values;
            return (new NumericColumn(values.Name, numeric.Single!), []);
        }

        return Encode((TextValues)values, schema, null);
    }

    private static (CategoricalColumn Column, Dictionary<string, int> Unseen) Encode(TextValues text, ColumnSchema schema, int[]? rows)
    {
        var codeOf = schema.Categories.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i + 1, StringComparer.Ordinal);
        var remap = new int[text.Distinct.Count];
        var unseen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < remap.Length; d++)
        {
            remap[d] = codeOf.GetValueOrDefault(text.Distinct[d], CategoricalColumn.MissingCode);
        }

        var count = rows?.Length ?? text.Length;
        var codes = new int[count];
        for (var i = 0; i < count; i++)
        {
            var code = text.Codes[rows is null ? i : rows[i]];
            if (code == TextValues.Missing)
            {
                continue;
            }

            codes[i] = remap[code];
            if (codes[i] == CategoricalColumn.MissingCode)
            {
                var value = text.Distinct[code];
                unseen[value] = unseen.GetValueOrDefault(value) + 1;
            }
        }

        return (new CategoricalColumn(text.Name, codes, schema.Categories), unseen);
    }
}
