using Tabml.Numerics.Optimization;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// What a step's update phase applies: the decay and Adam scalars of every tensor (by its index in
/// <see cref="RealMlpParameters.All"/>, the same for every network of the fit) and the dropout of the next
/// step, whose masks are drawn in this step's update phase.
/// </summary>
internal sealed record StepUpdate(AdamUpdate[] Tensors, double NextDropout)
{
    /// <summary>Decoupled decay with the squared lr factor, then Adam (method-spec §2.8), at progress t.</summary>
    public static StepUpdate For(RealMlpSettings settings, IReadOnlyList<Parameter> tensors, double t, int step, double nextDropout)
    {
        var lr = settings.Lr * Schedules.Evaluate(settings.LrSched, t);
        var wd = settings.Wd * Schedules.Evaluate(settings.WdSched, t);
        var updates = new AdamUpdate[tensors.Count];
        for (var i = 0; i < tensors.Count; i++)
        {
            var p = tensors[i];
            var decay = (float)TrainingPlan.DecayMultiplier(wd, lr, p.LrFactor, p.WdFactor);
            updates[i] = new AdamUpdate((float)(lr * p.LrFactor), (float)settings.Beta1, (float)settings.Beta2, (float)settings.OptEps, step, decay);
        }

        return new StepUpdate(updates, nextDropout);
    }
}
