using System.CommandLine;
using System.Diagnostics;
using Tabml.Bundles;
using Tabml.Cli.Output;
using Tabml.Errors;
using Tabml.Onnx;

namespace Tabml.Cli.Commands;

/// <summary>`tabml export MODEL --onnx OUT.onnx`: the bundle (or one member) as one ONNX model (docs/onnx.md).</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model bundle written by tabml train." };
        var onnx = new Option<string>("--onnx") { Description = "Write the ONNX model here.", Required = true };
        var member = new Option<string?>("--member") { Description = "Export one member of the bundle only." };
        var common = new CommonOptions();
        var command = new Command("export", "Export a model bundle as one ONNX model: preprocessing, members and their weighted average.") { model, onnx, member };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var json = result.GetValue(common.Json);
            var reporter = new ConsoleReporter(console.Error, result.GetValue(common.Quiet) || json);
            var bundle = ModelBundle.Load(result.GetValue(model)!);
            var path = result.GetValue(onnx)!;
            var clock = Stopwatch.StartNew();
            var exported = OnnxExporter.Export(bundle, result.GetValue(member));
            try
            {
                OnnxExporter.Write(exported, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw TabmlException.Usage($"--onnx: cannot write '{path}': {e.Message}");
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var bytes = new FileInfo(path).Length;
            var inputs = exported.Graph.Input.Select(i => i.Name).ToArray();
            var outputs = exported.Graph.Output.Select(o => o.Name).ToArray();
            reporter.Info($"wrote {path} ({bytes:N0} bytes, {seconds:F1} s): {inputs.Length} inputs, outputs {string.Join(", ", outputs)}; {exported.DocString}");
            if (json)
            {
                JsonOutput.Write(console.Out, new
                {
                    Out = path,
                    Bytes = bytes,
                    Seconds = seconds,
                    exported.IrVersion,
                    Opsets = exported.OpsetImport.ToDictionary(o => o.Domain.Length == 0 ? "ai.onnx" : o.Domain, o => o.Version),
                    Inputs = inputs,
                    Outputs = outputs,
                    Model = exported.DocString,
                });
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
