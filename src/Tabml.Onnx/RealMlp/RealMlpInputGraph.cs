using Tabml.Learners.RealMlp;
using Tabml.Onnx.Export;
using Tabml.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.RealMlp;

/// <summary>
/// RealMLP's fitted, non-learned preprocessing as graph nodes (method-spec §2.2, <see cref="MlpInputEncoder"/>):
/// numeric columns imputed with their training median, centred, robust-scaled and smoothly clipped; the
/// binary block (±1, one-hot, missing indicators) built from the category codes by one lookup table per
/// column, then scaled and clipped the same way; embedding codes. The element-wise steps are the same
/// float32 operations in the same order as the encoder's, so this part is bit-exact.
/// </summary>
internal static class RealMlpInputGraph
{
    public static EncodedInputs Encode(ExportContext context, MlpInputEncoder encoder)
    {
        var g = context.Graph;
        string? numeric = null;
        if (encoder.Numeric.Count > 0)
        {
            var raw = g.Concat(encoder.Numeric.Select(n => context.Numeric(n.Column)).ToArray(), 1);
            var impute = g.Constant("impute", encoder.Numeric.Select(n => n.ImputeValue).ToArray(), 1, encoder.Numeric.Count);
            var imputed = g.Where(g.IsNaN(raw), impute, raw);
            numeric = Scale(g, encoder, imputed, encoder.Numeric.Select(n => n.Scale).ToArray());
        }

        string? binary = null;
        if (encoder.Binary.Count > 0)
        {
            var raw = g.Concat(BinaryGroups(encoder.Binary).Select(group => RawBinary(context, group)).ToArray(), 1);
            binary = Scale(g, encoder, raw, encoder.Binary.Select(b => b.Scale).ToArray());
        }

        var codes = encoder.Embeddings.Select(e => EmbeddingCodes(context, e)).ToArray();
        return new EncodedInputs(numeric, binary, codes);
    }

    /// <summary>(x − median)·factor, then x / √(1 + (x/m)²) when the encoder clips.</summary>
    private static string Scale(OnnxGraph g, MlpInputEncoder encoder, string x, RobustScale[] scales)
    {
        var median = g.Constant("median", scales.Select(s => s.Median).ToArray(), 1, scales.Length);
        var factor = g.Constant("factor", scales.Select(s => s.Factor).ToArray(), 1, scales.Length);
        var scaled = g.Mul(g.Sub(x, median), factor);
        if (!encoder.Clip)
        {
            return scaled;
        }

        var t = g.Div(scaled, g.Scalar(encoder.MaxAbs));
        return g.Div(scaled, g.Sqrt(g.Add(g.Scalar(1f), g.Mul(t, t))));
    }

    /// <summary>Consecutive binary columns of one categorical column share one lookup; each indicator stands alone.</summary>
    private static IEnumerable<IReadOnlyList<BinaryInput>> BinaryGroups(IReadOnlyList<BinaryInput> inputs)
    {
        var group = new List<BinaryInput>();
        foreach (var input in inputs)
        {
            if (group.Count > 0 && (input.Kind == BinaryKind.MissingIndicator || group[0].Kind == BinaryKind.MissingIndicator || group[0].Column != input.Column))
            {
                yield return group;
                group = [];
            }

            group.Add(input);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    /// <summary>The unscaled values of a group: a missing indicator, or rows of a [codes × columns] table picked by the codes.</summary>
    private static string RawBinary(ExportContext context, IReadOnlyList<BinaryInput> group)
    {
        var g = context.Graph;
        if (group[0].Kind == BinaryKind.MissingIndicator)
        {
            return g.Cast(g.IsNaN(context.Numeric(group[0].Column)), DataType.Float);
        }

        var codes = context.Categories(group[0].Column).Count + 1;
        var table = new float[codes * group.Count];
        for (var code = 0; code < codes; code++)
        {
            for (var i = 0; i < group.Count; i++)
            {
                table[(code * group.Count) + i] = BinaryInput.RawValue(group[i].Kind, group[i].Code, code);
            }
        }

        return g.Gather(g.Constant("binary_table", table, codes, group.Count), context.Codes(group[0].Column));
    }

    /// <summary>Codes the embedding table has no row for are read as missing (row 0), as the encoder does.</summary>
    private static string EmbeddingCodes(ExportContext context, EmbeddingInput input)
    {
        var g = context.Graph;
        var codes = context.Codes(input.Column);
        if (context.Categories(input.Column).Count + 1 <= input.CatSize)
        {
            return codes;
        }

        var known = g.Node("Less", [codes, g.Constant("cat_size", [(long)input.CatSize])]);
        return g.Where(known, codes, g.Constant("missing", [0L]));
    }
}

/// <summary>RealMLP inputs in the graph: scaled numeric [N, n] and binary [N, b] float blocks (null when empty) and int64 [N] codes per embedding.</summary>
internal sealed record EncodedInputs(string? Numeric, string? Binary, IReadOnlyList<string> EmbeddingCodes);
