using Tabml.Learners.LightGbm;
using Tabml.Numerics.Random;

namespace Tabml.Bench.Hpo;

/// <summary>
/// LightGBM-HPO's random-search space ('cqb', from the CatBoost quality benchmarks; method-spec §6): 1000
/// trees without early stopping, the best iteration kept.
/// </summary>
public static class LightGbmSearchSpace
{
    public static LightGbmSettings Sample(LightGbmSettings baseline, DeterministicRandom rng) => baseline with
    {
        NumIterations = 1000,
        EarlyStoppingRounds = null,
        LearningRate = Math.Exp(rng.NextUniform(-7, 0)),
        NumLeaves = Math.Max(2, (int)Math.Round(Math.Exp(rng.NextUniform(0, 7)), MidpointRounding.ToEven)),
        FeatureFraction = rng.NextUniform(0.5, 1),
        BaggingFraction = rng.NextUniform(0.5, 1),
        BaggingFreq = 1,
        MinDataInLeaf = (int)Math.Round(Math.Exp(rng.NextUniform(0, 6)), MidpointRounding.ToEven),
        MinSumHessianInLeaf = Math.Exp(rng.NextUniform(-16, 5)),
        LambdaL1 = rng.NextDouble() < 0.5 ? 0.0 : Math.Exp(rng.NextUniform(-16, 2)),
        LambdaL2 = rng.NextDouble() < 0.5 ? 0.0 : Math.Exp(rng.NextUniform(-16, 2)),
    };
}
