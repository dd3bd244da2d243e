using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners.RealMlp;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>method-spec §2.5: data-dependent std init and he+5 biases on all four layers.</summary>
public sealed class InitializationTests
{
    [Theory]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void Every_units_pre_activation_has_std_one_on_the_training_rows_in_all_four_layers(TaskKind task)
    {
        var (network, rows, inputs) = Initialized(task, "realmlp-td");
        var arch = network.Architecture;

        var layers = arch.Layers;
        Assert.Equal(4, layers.Count);
        for (var l = 0; l < layers.Count; l++)
        {
            var (inWidth, outWidth) = layers[l];
            var input = inputs[l];
            var z = new float[rows * outWidth];
            Gemm.Multiply(input.AsSpan(0, rows * inWidth), network.Parameters.Weights[l].Value, z, rows, inWidth, outWidth);
            for (var j = 0; j < outWidth; j++)
            {
                var column = Enumerable.Range(0, rows).Select(r => z[(r * outWidth) + j] / Math.Sqrt(inWidth)).ToArray();
                var mean = column.Average();
                var std = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / rows);
                Assert.True(Math.Abs(std - 1.0) < 1e-3, $"layer {l} unit {j}: std {std}");
            }
        }
    }

    [Fact]
    public void He_plus_five_puts_each_units_zero_crossing_inside_the_data()
    {
        var (network, rows, inputs) = Initialized(TaskKind.Multiclass, "realmlp-td");

        // b_j = −Σ u_k z_(i_k, j) is minus a convex combination of data points: it lies within the range of −z_j.
        var (inWidth, outWidth) = network.Architecture.Layers[0];
        var z = new float[rows * outWidth];
        Gemm.Multiply(inputs[0].AsSpan(0, rows * inWidth), network.Parameters.Weights[0].Value, z, rows, inWidth, outWidth);
        var bias = network.Parameters.Biases[0].Value;
        for (var j = 0; j < outWidth; j++)
        {
            var column = Enumerable.Range(0, rows).Select(r => z[(r * outWidth) + j] / MathF.Sqrt(inWidth)).ToArray();
            Assert.InRange(-bias[j], column.Min() - 1e-4f, column.Max() + 1e-4f);
        }

        Assert.True(bias.Distinct().Count() > outWidth / 2, "biases should differ between units");
    }

    [Fact]
    public void Td_s_starts_the_output_layer_at_zero_and_draws_hidden_weights_from_a_standard_normal()
    {
        var (network, _, _) = Initialized(TaskKind.Binary, "realmlp-s");
        var p = network.Parameters;

        Assert.All(p.Weights[^1].Value, v => Assert.Equal(0f, v));
        Assert.All(p.Biases[^1].Value, v => Assert.Equal(0f, v));
        var w = p.Weights[1].Value;
        var mean = w.Average();
        var std = Math.Sqrt(w.Sum(v => (v - mean) * (v - mean)) / w.Length);
        Assert.InRange(std, 0.97, 1.03);
        Assert.All(p.Alphas, Assert.Null);
    }

    private static (RealMlpNetwork Network, int Rows, float[][] LayerInputs) Initialized(TaskKind task, string variant)
    {
        var data = SyntheticData.Make(task, 300, seed: 2);
        var settings = RealMlpDefaults.Load(variant, task);
        var rows = Enumerable.Range(0, data.RowCount).ToArray();
        var encoder = MlpInputEncoder.Fit(data, rows, settings);
        var outputs = task == TaskKind.Regression ? 1 : data.RequireTarget().ClassCount;
        var arch = RealMlpArchitecture.For(encoder, settings, outputs);
        var network = new RealMlpNetwork(new RealMlpParameters(arch, settings), SimdSupport.Active);
        var encoded = encoder.Encode(data);
        RealMlpInitializer.Initialize(network, settings, encoded, new DeterministicRandom(4), SimdSupport.Active);
        return (network, encoded.Count, RealMlpEvaluator.LayerInputs(network, encoded));
    }
}
