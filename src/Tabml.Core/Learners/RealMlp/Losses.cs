namespace Tabml.Learners.RealMlp;

/// <summary>The training losses of method-spec §2.7 and their gradients with respect to the outputs.</summary>
internal static class Losses
{
    /// <summary>
    /// Soft-label cross-entropy with targets (1 − ε)·onehot(y) + ε/C, averaged over the batch; writes
    /// (softmax − target)/rows into <paramref name="gradient"/> and returns the loss.
    /// </summary>
    public static double SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, float smoothing, Span<float> gradient)
    {
        var rows = labels.Length;
        var loss = 0.0;
        var off = smoothing / classes;
        var on = 1f - smoothing + off;
        var inverseRows = 1f / rows;
        for (var r = 0; r < rows; r++)
        {
            var z = logits.Slice(r * classes, classes);
            var g = gradient.Slice(r * classes, classes);
            var max = float.NegativeInfinity;
            foreach (var v in z)
            {
                max = MathF.Max(max, v);
            }

            var sum = 0.0;
            for (var c = 0; c < classes; c++)
            {
                sum += Math.Exp(z[c] - max);
            }

            var logSum = max + Math.Log(sum);
            for (var c = 0; c < classes; c++)
            {
                var target = c == labels[r] ? on : off;
                var logP = z[c] - logSum;
                loss -= target * logP;
                g[c] = ((float)Math.Exp(logP) - target) * inverseRows;
            }
        }

        return loss / rows;
    }

    /// <summary>Mean squared error over the batch; writes 2(out − y)/rows into <paramref name="gradient"/>.</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient)
    {
        var rows = targets.Length;
        var loss = 0.0;
        for (var r = 0; r < rows; r++)
        {
            var d = outputs[r] - targets[r];
            loss += d * (double)d;
            gradient[r] = 2f * d / rows;
        }

        return loss / rows;
    }
}
