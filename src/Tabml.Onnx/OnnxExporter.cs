using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Google.Protobuf;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Onnx.Calibration;
using Tabml.Onnx.Export;
using Tabml.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx;

/// <summary>
/// Exports a model bundle (or one member) as one ONNX model: an input per raw feature column named as the
/// column (numeric float [N, 1] with NaN = missing, categorical string [N, 1] with "" = missing), each
/// member's preprocessing and model, the ensemble's weighted average, and the outputs <c>label</c> [N]
/// and <c>probabilities</c> [N, classes] (classification) or <c>variable</c> [N, 1] (regression).
/// IR version 10, opsets ai.onnx 21 and ai.onnx.ml 5.
/// </summary>
public static class OnnxExporter
{
    public const long IrVersion = 10;
    public const long Opset = 21;
    public const long MlOpset = 5;
    public const string LabelOutput = "label";
    public const string ProbabilitiesOutput = "probabilities";
    public const string ValueOutput = "variable";

    /// <summary>The ONNX model of <paramref name="bundle"/>'s weighted ensemble, or of the member named <paramref name="member"/>.</summary>
    public static ModelProto Export(ModelBundle bundle, string? member = null)
    {
        var schema = bundle.Schema;
        var outputs = schema.Target.Task == TaskKind.Regression ? new[] { ValueOutput } : [LabelOutput, ProbabilitiesOutput];
        if (schema.Features.FirstOrDefault(f => outputs.Contains(f.Name, StringComparer.Ordinal)) is { } clash)
        {
            throw TabmlException.Usage($"the input column '{clash.Name}' has the name of an ONNX output ({string.Join(", ", outputs)}); retrain with the column renamed");
        }

        var context = new ExportContext(schema);
        var chosen = member is null ? null : bundle.Select(member);
        var members = Members(bundle, chosen);
        var total = members.Sum(m => m.Weight);
        var memberOutputs = members.Select(m => ExportMember(context, m)).ToArray();
        var combined = MemberAverage.Weighted(context.Graph, memberOutputs, members.Select(m => m.Weight / total).ToArray());
        if (chosen is null && bundle.BlendCalibrator is { } calibrator)
        {
            combined = TemperatureScalingGraph.Apply(context.Graph, combined, calibrator);
        }

        AddOutputs(context, combined);
        return Model(context.Graph, bundle, members);
    }

    /// <summary>Writes the model's protobuf bytes to <paramref name="path"/>.</summary>
    public static void Write(ModelProto model, string path) => File.WriteAllBytes(path, model.ToByteArray());

    /// <summary>
    /// The members that predict, as <see cref="ModelBundle.Predict"/> chooses them: the member a name selected
    /// (<see cref="ModelBundle.Select"/>: a member's name, its learner's name or alias, best), with weight 1, or
    /// every member with weight (the ensemble, then through the blend's calibrator).
    /// </summary>
    private static BundleMember[] Members(ModelBundle bundle, BundleMember? chosen) =>
        chosen is not null ? [chosen with { Weight = 1.0 }] : bundle.Members.Where(m => m.Weight > 0).ToArray();

    private static string ExportMember(ExportContext context, BundleMember member)
    {
        try
        {
            return ModelExporters.Export(context, member.Model);
        }
        catch (TabmlException e)
        {
            throw new TabmlException(e.ExitCode, $"member '{member.Name}': {e.Message}", e);
        }
    }

    private static void AddOutputs(ExportContext context, string combined)
    {
        var g = context.Graph;
        var target = context.Schema.Target;
        if (target.Task == TaskKind.Regression)
        {
            g.Output(g.Cast(combined, DataType.Float), ValueOutput, DataType.Float, [null, 1]);
            return;
        }

        // The label is the first maximum of the float64 probabilities, as tabml predict chooses it.
        var labels = g.Constant("class_labels", target.ClassLabels, target.ClassLabels.Count);
        g.Output(g.Gather(labels, g.ArgMax(combined)), LabelOutput, DataType.String, [null]);
        g.Output(g.Cast(combined, DataType.Float), ProbabilitiesOutput, DataType.Float, [null, target.ClassLabels.Count]);
    }

    /// <summary>A model around <paramref name="graph"/> with tabml's IR version and opsets.</summary>
    internal static ModelProto Model(OnnxGraph graph, string description)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "tabml",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
            Domain = "tabml",
            ModelVersion = 1,
            DocString = description,
            Graph = graph.Proto,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxGraph.MlDomain, Version = MlOpset });
        return model;
    }

    private static ModelProto Model(OnnxGraph graph, ModelBundle bundle, IReadOnlyList<BundleMember> members)
    {
        var target = bundle.Schema.Target;
        var model = Model(graph, $"tabml {target.Task.ToName()} model of '{target.Name}': {string.Join(" + ", members.Select(m => $"{m.Name} × {m.Weight.ToString("R", CultureInfo.InvariantCulture)}"))}");
        Metadata(model, "tabml.task", target.Task.ToName());
        Metadata(model, "tabml.target", target.Name);
        Metadata(model, "tabml.class_labels", JsonSerializer.Serialize(target.ClassLabels));
        Metadata(model, "tabml.members", JsonSerializer.Serialize(members.Select(m => new { m.Name, Learner = m.Model.LearnerName, m.Weight })));
        return model;
    }

    private static void Metadata(ModelProto model, string key, string value) => model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
