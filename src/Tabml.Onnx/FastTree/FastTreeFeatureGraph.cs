using Tabml.Learners.FastTree;
using Tabml.Onnx.Export;
using Tabml.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.FastTree;

/// <summary>
/// <see cref="FastTreeFeatureEncoder"/> as graph nodes: numeric values with missing ones replaced by the
/// training median (plus a 0/1 missing indicator where training had missing values), one-hot columns for
/// small categoricals (missing/unseen = all zeros), the code itself for larger ones. Float64 [N, width].
/// </summary>
internal static class FastTreeFeatureGraph
{
    public static string Features(ExportContext context, FastTreeFeatureEncoder encoder)
    {
        var g = context.Graph;
        var blocks = new List<string>();
        foreach (var column in encoder.Columns)
        {
            switch (column.Encoding)
            {
                case "numeric":
                    var x = context.Numeric(column.Name);
                    var missing = g.IsNaN(x);
                    blocks.Add(g.Where(missing, g.Scalar(column.Median), x));
                    if (column.MissingIndicator)
                    {
                        blocks.Add(g.Cast(missing, DataType.Float));
                    }

                    break;
                case "one_hot":
                    blocks.Add(g.Gather(OneHotTable(context, column), context.Codes(column.Name)));
                    break;
                default:
                    blocks.Add(g.Cast(context.CodeColumn(column.Name), DataType.Float));
                    break;
            }
        }

        return g.Cast(g.Concat(blocks, 1), DataType.Double);
    }

    /// <summary>Row c has a 1 in column c − 1; row 0 (missing/unseen) is all zeros.</summary>
    private static string OneHotTable(ExportContext context, EncodedColumn column)
    {
        var codes = context.Categories(column.Name).Count + 1;
        var table = new float[codes * column.Categories];
        for (var code = 1; code < codes && code <= column.Categories; code++)
        {
            table[((code * column.Categories) + code) - 1] = 1f;
        }

        return context.Graph.Constant("one_hot", table, codes, column.Categories);
    }
}
