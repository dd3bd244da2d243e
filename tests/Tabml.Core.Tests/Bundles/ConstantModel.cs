using System.Text.Json;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Core.Tests.Bundles;

/// <summary>A test double: predicts the same row of outputs for every input row.</summary>
internal sealed class ConstantModel : IModel
{
    public const string FormatName = "constant-test";

    static ConstantModel() => ModelFormats.RegisterForTests(FormatName, Load);

    public ConstantModel(TaskKind task, double[] outputs)
    {
        Task = task;
        Outputs = outputs;
    }

    public static void EnsureRegistered()
    {
    }

    public string LearnerName => "constant";

    public string Format => FormatName;

    public TaskKind Task { get; }

    public double[] Outputs { get; }

    public IReadOnlyDictionary<string, double> Facts => new Dictionary<string, double> { ["outputs"] = Outputs.Length };

    public Predictions Predict(Dataset data, int threads)
    {
        var values = new double[data.RowCount * Outputs.Length];
        for (var r = 0; r < data.RowCount; r++)
        {
            Outputs.CopyTo(values, r * Outputs.Length);
        }

        return new Predictions(data.RowCount, Outputs.Length, values);
    }

    public void Dispose()
    {
    }

    public void Save(IArtifactWriter writer) => writer.Write("outputs.json", JsonSerializer.SerializeToUtf8Bytes(Outputs));

    private static IModel Load(IArtifactReader reader, ModelLoadContext context) =>
        new ConstantModel(context.Task, JsonSerializer.Deserialize<double[]>(reader.Read("outputs.json"))!);
}
