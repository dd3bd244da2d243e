using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners.RealMlp;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;
using Tabml.Numerics.Threading;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>
/// Every backward pass against central finite differences of a float64 re-implementation of the forward
/// pass: front scale, PBLD (cos embedding and its linear layer), categorical embedding, NTK linear layers,
/// biases, parametric SELU (classification, soft-label cross-entropy) and Mish (regression, MSE), all with
/// dropout masks active.
/// </summary>
public sealed class GradientTests
{
    public static TheoryData<string, TaskKind, SimdLevel> Cases()
    {
        var data = new TheoryData<string, TaskKind, SimdLevel>();
        foreach (var level in SimdSupport.Available)
        {
            // The HPO variants: PL and PLR embeddings, ReLU, standard parametrisation.
            foreach (var tensor in new[] { "plr.w1", "plr.w2", "plr.b2", "layer0.weight", "layer0.alpha", "scale" })
            {
                data.Add("plr:" + tensor, TaskKind.Binary, level);
                data.Add("pl:" + tensor, TaskKind.Regression, level);
            }

            // PBLD with more learned outputs per feature than the backward keeps in registers (TD has 3).
            foreach (var tensor in new[] { "pbld.w1", "pbld.b1", "pbld.w2", "pbld.b2" })
            {
                data.Add("pbld6:" + tensor, TaskKind.Binary, level);
            }
        }

        string[] tensors = ["scale", "pbld.w1", "pbld.b1", "pbld.w2", "pbld.b2", "embedding0", "layer0.weight", "layer0.bias", "layer0.alpha", "layer1.weight", "layer1.alpha", "layer2.weight", "layer2.bias"];
        foreach (var level in SimdSupport.Available)
        {
            foreach (var task in new[] { TaskKind.Multiclass, TaskKind.Regression })
            {
                foreach (var tensor in tensors)
                {
                    data.Add(tensor, task, level);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_matches_central_finite_differences(string tensor, TaskKind task, SimdLevel level)
    {
        var variant = tensor.Contains(':', StringComparison.Ordinal) ? tensor[..tensor.IndexOf(':', StringComparison.Ordinal)] : null;
        tensor = variant is null ? tensor : tensor[(variant.Length + 1)..];
        var setup = GradientSetup.Create(task, level, variant);

        var analytic = setup.AnalyticGradient(tensor);
        var reference = setup.Reference;
        var values = reference.Values[tensor];
        var rng = new DeterministicRandom(3);
        for (var check = 0; check < Math.Min(8, values.Length); check++)
        {
            var i = rng.NextInt(values.Length);
            var original = values[i];
            var h = 1e-5 * Math.Max(1.0, Math.Abs(original));
            values[i] = original + h;
            var plus = setup.ReferenceLoss();
            values[i] = original - h;
            var minus = setup.ReferenceLoss();
            values[i] = original;
            var numeric = (plus - minus) / (2 * h);

            var tolerance = 2e-3 * Math.Max(Math.Abs(numeric), 1e-2);
            Assert.True(Math.Abs(analytic[i] - numeric) <= tolerance, $"{tensor}[{i}] ({task}, {level}): analytic {analytic[i]} vs numeric {numeric}");
        }
    }

    [Fact]
    public void Dropped_units_pass_no_gradient_to_their_weights()
    {
        var setup = GradientSetup.Create(TaskKind.Multiclass, SimdSupport.Active);
        var gradient = setup.AnalyticGradient("layer1.weight");
        var mask = setup.Masks[0];
        var inWidth = setup.Architecture.Layers[1].In;
        var outWidth = setup.Architecture.Layers[1].Out;

        // A hidden unit of layer 0 dropped in every row feeds nothing forward: its outgoing weights get 0.
        for (var i = 0; i < inWidth; i++)
        {
            var droppedEverywhere = Enumerable.Range(0, setup.Rows.Count).All(r => mask[(r * inWidth) + i] == 0f);
            if (droppedEverywhere)
            {
                Assert.All(Enumerable.Range(0, outWidth), j => Assert.Equal(0f, gradient[(i * outWidth) + j]));
            }
        }

        Assert.Contains(mask.Take(setup.Rows.Count * inWidth), m => m == 0f);
        Assert.Contains(mask.Take(setup.Rows.Count * inWidth), m => Math.Abs(m - (1f / 0.7f)) < 1e-6f);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Gradients_are_bit_identical_for_one_two_and_five_threads(SimdLevel level)
    {
        foreach (var task in new[] { TaskKind.Multiclass, TaskKind.Regression })
        {
            var one = GradientSetup.Create(task, level, threads: 1).Gradients;
            foreach (var threads in new[] { 2, 5 })
            {
                var other = GradientSetup.Create(task, level, threads: threads).Gradients;
                Assert.All(one, pair => Assert.Equal(pair.Value, other[pair.Key]));
            }
        }
    }

    public static TheoryData<SimdLevel> Levels()
    {
        var data = new TheoryData<SimdLevel>();
        foreach (var level in SimdSupport.Available)
        {
            data.Add(level);
        }

        return data;
    }

    /// <summary>A tiny network with every kind of input, trained parameters perturbed away from their init.</summary>
    private sealed class GradientSetup
    {
        private GradientSetup()
        {
        }

        public required RealMlpNetwork Network { get; init; }

        public required RealMlpArchitecture Architecture { get; init; }

        public required EncodedRows Rows { get; init; }

        public required float[][] Masks { get; init; }

        public required ReferenceNetwork Reference { get; init; }

        public required int[]? Labels { get; init; }

        public required float[]? Targets { get; init; }

        public required double Smoothing { get; init; }

        public required Dictionary<string, float[]> Gradients { get; init; }

        private const float Dropout = 0.3f;

        public static GradientSetup Create(TaskKind task, SimdLevel level, string? variant = null, int threads = 1)
        {
            var data = SyntheticData.Make(task, 40, seed: 5);
            var settings = RealMlpDefaults.Load("realmlp-td", task) with { HiddenSizes = [6, 5] };
            if (variant == "pbld6")
            {
                settings = settings with { PlrHidden2 = 7 };
            }
            else if (variant is not null)
            {
                settings = settings with { NumEmbType = variant == "plr" ? NumericEmbedding.Plr : NumericEmbedding.Pl, Activation = HiddenActivation.Relu, WeightParam = WeightParametrization.Standard, WeightInitMode = WeightInit.Glorot, BiasInitMode = BiasInit.Zeros };
            }

            var rows = Enumerable.Range(0, data.RowCount).ToArray();
            var encoder = MlpInputEncoder.Fit(data, rows, settings);
            var outputs = task == TaskKind.Regression ? 1 : data.RequireTarget().ClassCount;
            var arch = RealMlpArchitecture.For(encoder, settings, outputs);
            var parameters = new RealMlpParameters(arch, settings);
            var network = new RealMlpNetwork(parameters, level);
            var encoded = encoder.Encode(data);
            var rng = new DeterministicRandom(9);
            RealMlpInitializer.Initialize(network, settings, encoded, rng, level);
            foreach (var p in parameters.All.Where(p => p.Name is "scale" || p.Name.EndsWith("alpha", StringComparison.Ordinal)))
            {
                for (var i = 0; i < p.Length; i++)
                {
                    p.Value[i] = 0.5f + rng.NextSingle();
                }
            }

            network.PackAll();

            int[]? labels = null;
            float[]? targets = null;
            TrainingTargets trainingTargets;
            if (task == TaskKind.Regression)
            {
                targets = data.RequireTarget().RequireValues().Select(v => (float)v).ToArray();
                trainingTargets = new TrainingTargets(null, 1, 0f, targets, "rmse");
            }
            else
            {
                labels = data.RequireTarget().RequireLabels();
                trainingTargets = new TrainingTargets(labels, outputs, (float)settings.LsEps, null, "error");
            }

            var member = new TrainingMember(network, encoded.Count, new DeterministicRandom(1), new LaneRandom(9));
            Enumerable.Range(0, encoded.Count).ToArray().CopyTo(member.Batch.Rows, 0);
            var step = new TrainingStep([member], encoded, trainingTargets, RealMlpEvaluator.Scratch(network), null);
            step.DrawMasks(Dropout);
            using (var pool = new WorkerPool(threads))
            {
                step.Run(pool, update: null);
            }

            var masks = Enumerable.Range(0, arch.HiddenSizes.Count).Select(l => ExpandMask(member.Batch.Masks[l], encoded.Count, arch.HiddenSizes[l])).ToArray();
            return new GradientSetup
            {
                Network = network,
                Architecture = arch,
                Rows = encoded,
                Masks = masks,
                Reference = new ReferenceNetwork(parameters),
                Labels = labels,
                Targets = targets,
                Smoothing = settings.LsEps,
                Gradients = parameters.All.ToDictionary(p => p.Name, p => p.Gradient.ToArray()),
            };
        }

        public float[] AnalyticGradient(string tensor) => Gradients[tensor];

        /// <summary>The stored mask bits as the multipliers the reference network applies (0 or 1/(1 − p)).</summary>
        private static float[] ExpandMask(uint[] bits, int rows, int columns)
        {
            var words = (columns + 31) / 32;
            var mask = new float[rows * columns];
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < columns; j++)
                {
                    var kept = ((bits[(r * words) + (j / 32)] >> (j % 32)) & 1u) != 0;
                    mask[(r * columns) + j] = kept ? 1f / (1f - Dropout) : 0f;
                }
            }

            return mask;
        }

        public double ReferenceLoss() => Reference.Loss(Rows, Masks, Labels, Smoothing, Targets);
    }
}
