using System.Text;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Tabml.Settings;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>
/// FastTree's two one-versus-all combinations on soybean (19 classes): new learners combine with normalised
/// sigmoids (the multiclass export tests); a model stored with the softmax combination (encoding.json
/// "combination") is loaded back from the same trees and must be exported as its own softmax.
/// </summary>
public sealed class FastTreeCombinationTests(SoybeanBundle trained, ITestOutputHelper output) : IClassFixture<SoybeanBundle>
{
    [Fact]
    public void A_multiclass_FastTree_with_the_softmax_combination_exports_what_tabml_predicts()
    {
        var member = Assert.Single(trained.Bundle.Members, m => m.Name == "fasttree-d");
        using var softmax = WithCombination(member, OneVersusAll.Softmax, trained.Bundle.Schema.Target.ClassLabels.Count);
        var bundle = new ModelBundle(trained.Bundle.Schema, [], trained.Bundle.Validation, [new BundleMember("fasttree-d", softmax, 1.0, new Dictionary<string, double>(), null)]);

        // The combination changes the probabilities, so exporting the other one could not pass.
        var before = member.Model.Predict(trained.Data, 1).Values;
        var after = softmax.Predict(trained.Data, 1).Values;
        Assert.True(before.Zip(after, (a, b) => Math.Abs(a - b)).Max() > 1e-3);

        output.WriteLine($"soybean fasttree-d softmax: {trained.ExportAndCheck(bundle)}");
    }

    /// <summary>The member saved, its encoding.json given <paramref name="combination"/>, and loaded back.</summary>
    private static IModel WithCombination(BundleMember member, OneVersusAll combination, int classes)
    {
        var saved = new InMemoryArtifacts();
        member.Model.Save(saved);
        var encoding = JsonNode.Parse(saved.Read("encoding.json"))!.AsObject();
        Assert.Equal(StrictEnumConverter.NameOf(OneVersusAll.NormalisedSigmoids), (string?)encoding["combination"]);
        encoding["combination"] = StrictEnumConverter.NameOf(combination);
        var edited = new InMemoryArtifacts();
        foreach (var (name, content) in saved.Entries)
        {
            edited.Write(name, name == "encoding.json" ? Encoding.UTF8.GetBytes(encoding.ToJsonString()) : content);
        }

        return FastTreeModel.Load(edited, new ModelLoadContext(member.Model.LearnerName, member.Model.Task, classes));
    }
}
