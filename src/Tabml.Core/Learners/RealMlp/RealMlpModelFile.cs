using System.Buffers.Binary;
using System.Text.Json;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// A RealMLP in a bundle: preprocessing.json (encoder, architecture, output scaling, tensor names and
/// shapes, the number of networks) and weights.bin (every tensor's float32 values, little-endian, in the
/// listed order, for each network in turn).
/// Format versions:
/// 1: one network (no format_version or networks entries).
/// 2: format_version and networks (n_ens); weights.bin holds the networks one after the other.
/// </summary>
internal static class RealMlpModelFile
{
    public const int CurrentVersion = 2;

    public static void Write(RealMlpModel model, IArtifactWriter writer)
    {
        var networks = model.Networks;
        var parameters = networks[0];
        var file = new ModelFile(model.Task.ToName(), model.ClassCount, model.Encoder, parameters.Architecture, model.Scaling, model.PredictBatchSize, parameters.All.Select(p => new TensorEntry(p.Name, p.Length, p.LrFactor, p.WdFactor)).ToArray(), model.Facts, CurrentVersion, networks.Count);
        writer.Write("preprocessing.json", JsonSerializer.SerializeToUtf8Bytes(file, BundleJson.Options));
        var bytes = new byte[networks.Count * parameters.Count * sizeof(float)];
        var offset = 0;
        foreach (var network in networks)
        {
            foreach (var p in network.All)
            {
                foreach (var v in p.Value)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), v);
                    offset += sizeof(float);
                }
            }
        }

        writer.Write("weights.bin", bytes);
    }

    public static RealMlpModel Read(IArtifactReader reader, ModelLoadContext context)
    {
        ModelFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ModelFile>(reader.Read("preprocessing.json"), BundleJson.Options);
        }
        catch (JsonException e)
        {
            throw reader.Corrupt("preprocessing.json", e.Message);
        }

        if (file is null || file.Task != context.Task.ToName())
        {
            throw reader.Corrupt("preprocessing.json", "does not match the bundle's task");
        }

        if (file.FormatVersion > CurrentVersion || file.Networks < 1)
        {
            throw reader.Corrupt("preprocessing.json", $"RealMLP format {file.FormatVersion} with {file.Networks} networks; this tabml reads formats up to {CurrentVersion}");
        }

        var settings = ArchitectureSettings(file);
        var networks = new RealMlpNetwork[file.Networks];
        var bytes = reader.Read("weights.bin");
        var offset = 0;
        for (var k = 0; k < networks.Length; k++)
        {
            var parameters = new RealMlpParameters(file.Architecture, settings);
            if (parameters.All.Count != file.Tensors.Count || parameters.All.Zip(file.Tensors).Any(x => x.First.Name != x.Second.Name || x.First.Length != x.Second.Length))
            {
                throw reader.Corrupt("preprocessing.json", "the tensor list does not match the architecture");
            }

            if (bytes.Length != networks.Length * parameters.Count * sizeof(float))
            {
                throw reader.Corrupt("weights.bin", $"holds {bytes.Length} bytes, {networks.Length} networks of this architecture need {networks.Length * parameters.Count * sizeof(float)}");
            }

            foreach (var p in parameters.All)
            {
                for (var i = 0; i < p.Length; i++)
                {
                    p.Value[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset));
                    offset += sizeof(float);
                }
            }

            networks[k] = new RealMlpNetwork(parameters, SimdSupport.Active);
        }

        return new RealMlpModel(context.LearnerName, context.Task, file.ClassCount, file.Encoder, networks, file.Scaling, file.PredictBatchSize, file.Facts);
    }

    /// <summary>The factors only matter for training; the tensor layout comes from the architecture.</summary>
    private static RealMlpSettings ArchitectureSettings(ModelFile file)
    {
        var byName = file.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        double Lr(string name) => byName.TryGetValue(name, out var t) ? t.LrFactor : 1.0;
        return RealMlpDefaults.Load("realmlp-td", TaskKind.Regression) with
        {
            ScaleLrFactor = Lr("scale"),
            PlrLrFactor = Lr("pbld.w1"),
            BiasLrFactor = Lr("layer0.bias"),
            ActLrFactor = Lr("layer0.alpha"),
            BiasWdFactor = byName.TryGetValue("layer0.bias", out var bias) ? bias.WdFactor : 0.0,
        };
    }

    private sealed record ModelFile(
        string Task,
        int ClassCount,
        MlpInputEncoder Encoder,
        RealMlpArchitecture Architecture,
        OutputScaling Scaling,
        int PredictBatchSize,
        IReadOnlyList<TensorEntry> Tensors,
        IReadOnlyDictionary<string, double> Facts,
        int FormatVersion = 1,
        int Networks = 1);

    private sealed record TensorEntry(string Name, int Length, double LrFactor, double WdFactor);
}
