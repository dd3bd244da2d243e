using Tabml.Learners.RealMlp;
using Tabml.Numerics.Random;

namespace Tabml.Bench.Hpo;

/// <summary>
/// RealMLP-HPO's random-search space (pytabkit's 'default', the paper's; method-spec §6): the sampled values
/// replace the task's RealMLP-TD defaults, everything else stays TD (parametric activations included).
/// </summary>
public static class RealMlpSearchSpace
{
    public static RealMlpSettings Sample(RealMlpSettings td, bool classification, DeterministicRandom rng)
    {
        NumericEmbedding[] embeddings = [NumericEmbedding.None, NumericEmbedding.Pbld, NumericEmbedding.Pl, NumericEmbedding.Plr];
        HiddenActivation[] activations = [HiddenActivation.Relu, HiddenActivation.Selu, HiddenActivation.Mish];
        var hidden = Pick(rng, [0.6, 0.2, 0.2]) switch { 0 => new[] { 256, 256, 256 }, 1 => [64, 64, 64, 64, 64], _ => [512] };
        return td with
        {
            NumEmbType = embeddings[rng.NextInt(embeddings.Length)],
            AddFrontScale = rng.NextDouble() < 0.6,
            Lr = Math.Exp(rng.NextUniform(Math.Log(2e-2), Math.Log(3e-1))),
            PDrop = Pick(rng, [0.3, 0.5, 0.2]) switch { 0 => 0.0, 1 => 0.15, _ => 0.3 },
            Wd = rng.NextInt(2) == 0 ? 0.0 : 0.02,
            PlrSigma = Math.Exp(rng.NextUniform(Math.Log(0.05), Math.Log(0.5))),
            Activation = activations[rng.NextInt(activations.Length)],
            HiddenSizes = hidden,
            LsEps = classification ? (rng.NextDouble() < 0.3 ? 0.0 : 0.1) : 0.0,
        };
    }

    private static int Pick(DeterministicRandom rng, double[] probabilities)
    {
        var u = rng.NextDouble();
        for (var i = 0; i < probabilities.Length - 1; i++)
        {
            u -= probabilities[i];
            if (u < 0)
            {
                return i;
            }
        }

        return probabilities.Length - 1;
    }
}
