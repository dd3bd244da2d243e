using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.RealMlp;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>
/// The step profile of `tabml bench realmlp --full`: timing a fit changes none of its bits, and each phase's
/// thread time fits in its wall time × threads (the rest is what the workers waited).
/// </summary>
public sealed class StepProfileTests
{
    [Fact]
    public void A_profiled_fit_saves_the_same_model_and_accounts_both_phases_per_worker()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Multiclass, 700, seed: 5));
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Multiclass) with { NEpochs = 3 };
        var context = new LearnerContext { Seed = 1, Threads = 2 };

        var plain = Saved(new RealMlpLearner("realmlp-td", settings).Fit(train, valid, context));
        var profile = new StepProfile();
        var profiled = Saved(new RealMlpLearner("realmlp-td", settings) { Profile = profile }.Fit(train, valid, context));

        Assert.Equal(plain.Keys, profiled.Keys);
        Assert.All(plain, entry => Assert.True(entry.Value.AsSpan().SequenceEqual(profiled[entry.Key]), $"{entry.Key} differs"));
        foreach (var phase in Enum.GetValues<StepPhase>())
        {
            var wall = profile.PhaseSeconds(phase);
            var workers = profile.WorkerSeconds(phase);
            Assert.True(wall > 0, $"{phase}: no wall time");
            Assert.True(workers[0] > 0, $"{phase}: the calling thread ran no part");
            Assert.True(workers.Sum() <= (2 * wall) + 1e-3, $"{phase}: thread time {workers.Sum()} s exceeds 2 × wall {wall} s");
            Assert.All(workers.Skip(2), w => Assert.Equal(0, w));
        }
    }

    [Fact]
    public void Each_part_belongs_to_the_phase_that_runs_it()
    {
        var rowBlocks = new[] { StepPart.Input, StepPart.Forward, StepPart.Head, StepPart.Backward, StepPart.InputBackward };
        foreach (var part in Enum.GetValues<StepPart>())
        {
            Assert.Equal(rowBlocks.Contains(part) ? StepPhase.RowBlocks : StepPhase.Parameters, StepProfile.PhaseOf(part));
        }
    }

    private static IReadOnlyDictionary<string, byte[]> Saved(IModel model)
    {
        var artifacts = new InMemoryArtifacts();
        model.Save(artifacts);
        return artifacts.Entries;
    }
}
