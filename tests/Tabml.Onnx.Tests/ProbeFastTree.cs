using Microsoft.ML;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests;

public sealed class ProbeFastTree(ITestOutputHelper output)
{
    [Fact]
    public void Types()
    {
        var rng = new Random(1);
        var n = 300;
        var x = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = x.Select(v => v > 0.5 ? 1 : 0).ToArray();
        var data = new Dataset([new NumericColumn("x", x)], TargetColumn.Classification("y", TaskKind.Binary, y, ["a", "b"]), n);
        var model = (FastTreeModel)FastTreeLearner.Create("fasttree-d", TaskKind.Binary).Fit(data, null, LearnerContext.Default);
        var t = model.Transformers[0];
        output.WriteLine(t.GetType().FullName);
        dynamic d = t;
        object m = d.Model;
        for (var ty = m.GetType(); ty != null; ty = ty.BaseType) output.WriteLine("  " + ty.FullName);
        foreach (var p in m.GetType().GetProperties()) output.WriteLine("   p " + p.Name + " : " + p.PropertyType.FullName);
        using var s = new MemoryStream();
        var ml = new MLContext(0);
        ml.Model.Save(t, null, s);
        s.Position = 0;
        var loaded = ml.Model.Load(s, out _);
        output.WriteLine(loaded.GetType().FullName);
        dynamic dl = loaded;
        object ml2 = dl.Model;
        for (var ty = ml2.GetType(); ty != null; ty = ty.BaseType) output.WriteLine("  " + ty.FullName);
    }
}
