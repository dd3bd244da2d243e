namespace Tabml.Learners.RealMlp;

/// <summary>
/// The training losses of method-spec §2.7 and their gradients with respect to the outputs, one row at a
/// time (a row block of a batch): the batch mean enters as the factor 1/batch rows.
/// </summary>
internal static class Losses
{
    /// <summary>
    /// Soft-label cross-entropy with targets (1 − ε)·onehot(y) + ε/C for one row; writes
    /// (softmax − target)/batchRows into <paramref name="gradient"/> and returns the row's loss.
    /// </summary>
    public static double SoftmaxCrossEntropy(ReadOnlySpan<float> logits, int label, float smoothing, int batchRows, Span<float> gradient)
    {
        var classes = logits.Length;
        var off = smoothing / classes;
        var on = 1f - smoothing + off;
        var inverseRows = 1f / batchRows;
        var max = float.NegativeInfinity;
        foreach (var v in logits)
        {
            max = MathF.Max(max, v);
        }

        var sum = 0.0;
        for (var c = 0; c < classes; c++)
        {
            sum += Math.Exp(logits[c] - max);
        }

        var logSum = max + Math.Log(sum);
        var loss = 0.0;
        for (var c = 0; c < classes; c++)
        {
            var target = c == label ? on : off;
            var logP = logits[c] - logSum;
            loss -= target * logP;
            gradient[c] = ((float)Math.Exp(logP) - target) * inverseRows;
        }

        return loss;
    }

    /// <summary>Squared error of one output; writes 2(out − y)/batchRows into <paramref name="gradient"/>.</summary>
    public static double SquaredError(float output, float target, int batchRows, out float gradient)
    {
        var d = output - target;
        gradient = 2f * d / batchRows;
        return d * (double)d;
    }
}
