using DataType = Onnx.TensorProto.Types.DataType;
using static Tabml.Onnx.Graph.OnnxAttributes;

namespace Tabml.Onnx.Graph;

/// <summary>The standard operators the exporters use, one line each (opset 21 semantics).</summary>
internal static class GraphOps
{
    public static string Add(this OnnxGraph g, string a, string b) => g.Node("Add", [a, b]);

    public static string Sub(this OnnxGraph g, string a, string b) => g.Node("Sub", [a, b]);

    public static string Mul(this OnnxGraph g, string a, string b) => g.Node("Mul", [a, b]);

    public static string Div(this OnnxGraph g, string a, string b) => g.Node("Div", [a, b]);

    public static string Sqrt(this OnnxGraph g, string x) => g.Node("Sqrt", [x]);

    public static string Cos(this OnnxGraph g, string x) => g.Node("Cos", [x]);

    public static string Sin(this OnnxGraph g, string x) => g.Node("Sin", [x]);

    public static string Relu(this OnnxGraph g, string x) => g.Node("Relu", [x]);

    public static string Log(this OnnxGraph g, string x) => g.Node("Log", [x]);

    public static string Max(this OnnxGraph g, string a, string b) => g.Node("Max", [a, b]);

    public static string Exp(this OnnxGraph g, string x) => g.Node("Exp", [x]);

    public static string Greater(this OnnxGraph g, string a, string b) => g.Node("Greater", [a, b]);

    /// <summary>Row sums, [N, 1].</summary>
    public static string RowSum(this OnnxGraph g, string x) => g.Node("ReduceSum", [x, g.Constant("axes", [1L], 1)], Int("keepdims", 1));

    /// <summary>Row maxima, [N, 1].</summary>
    public static string RowMax(this OnnxGraph g, string x) => g.Node("ReduceMax", [x, g.Constant("axes", [1L], 1)], Int("keepdims", 1));

    public static string Sigmoid(this OnnxGraph g, string x) => g.Node("Sigmoid", [x]);

    public static string MatMul(this OnnxGraph g, string a, string b) => g.Node("MatMul", [a, b]);

    public static string IsNaN(this OnnxGraph g, string x) => g.Node("IsNaN", [x]);

    public static string Where(this OnnxGraph g, string condition, string whenTrue, string whenFalse) => g.Node("Where", [condition, whenTrue, whenFalse]);

    public static string Cast(this OnnxGraph g, string x, DataType to) => g.Node("Cast", [x], Int("to", (long)to));

    public static string Concat(this OnnxGraph g, IReadOnlyList<string> inputs, long axis) =>
        inputs.Count == 1 ? inputs[0] : g.Node("Concat", inputs, Int("axis", axis));

    /// <summary>Rows of <paramref name="table"/> picked by <paramref name="indices"/> (Gather on axis 0).</summary>
    public static string Gather(this OnnxGraph g, string table, string indices) => g.Node("Gather", [table, indices], Int("axis", 0));

    public static string Squeeze(this OnnxGraph g, string x, long axis) => g.Node("Squeeze", [x, g.Constant("axes", [axis], 1)]);

    public static string Unsqueeze(this OnnxGraph g, string x, long axis) => g.Node("Unsqueeze", [x, g.Constant("axes", [axis], 1)]);

    /// <summary>A 0 in <paramref name="shape"/> keeps that dimension of <paramref name="x"/> (the row count N).</summary>
    public static string Reshape(this OnnxGraph g, string x, params long[] shape) => g.Node("Reshape", [x, g.Constant("shape", shape, shape.Length)]);

    public static string Transpose(this OnnxGraph g, string x, params long[] permutation) => g.Node("Transpose", [x], Ints("perm", permutation));

    public static string Softmax(this OnnxGraph g, string x) => g.Node("Softmax", [x], Int("axis", -1));

    public static string Clip(this OnnxGraph g, string x, string min, string max) => g.Node("Clip", [x, min, max]);

    /// <summary>The index of the first maximum along axis 1, one per row (int64 [N]).</summary>
    public static string ArgMax(this OnnxGraph g, string x) => g.Node("ArgMax", [x], Int("axis", 1), Int("keepdims", 0), Int("select_last_index", 0));
}
