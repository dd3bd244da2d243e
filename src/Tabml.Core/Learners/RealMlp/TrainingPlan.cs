namespace Tabml.Learners.RealMlp;

/// <summary>
/// Batching and the per-step hyperparameters (method-spec §2.8–2.10): batch size min(bs, n), ⌊n/bs⌋ batches
/// per epoch (the last partial batch is dropped), t = s/(E·B) before step s, and the decoupled decay
/// multiplier 1 − wd(t)·lr(t)·f_lr²·f_wd² (the lr factor enters squared, as in the reference).
/// </summary>
public sealed record TrainingPlan(int BatchSize, int BatchesPerEpoch, int Epochs)
{
    public int TotalSteps => BatchesPerEpoch * Epochs;

    public static TrainingPlan For(int rows, int batchSize, int epochs)
    {
        var batch = Math.Min(batchSize, rows);
        return new TrainingPlan(batch, rows / batch, epochs);
    }

    /// <summary>Training progress before 0-based step <paramref name="step"/>.</summary>
    public double Progress(int step) => step / (double)TotalSteps;

    public static double DecayMultiplier(double wd, double lr, double lrFactor, double wdFactor) =>
        1.0 - (wd * lr * lrFactor * lrFactor * wdFactor * wdFactor);
}
