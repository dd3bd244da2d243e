using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.Graph;

/// <summary>
/// A graph under construction. Every value gets a fresh name that cannot clash with another value or an
/// input (input names are the data's column names, which may be anything); nodes are appended in
/// topological order because each node is added after the nodes that produce its inputs.
/// </summary>
internal sealed class OnnxGraph
{
    public const string MlDomain = "ai.onnx.ml";

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    public GraphProto Proto { get; } = new() { Name = "tabml" };

    /// <summary>A name not used before, built from <paramref name="hint"/>.</summary>
    public string Fresh(string hint)
    {
        while (true)
        {
            var n = _counters.GetValueOrDefault(hint);
            _counters[hint] = n + 1;
            var name = $"{hint}_{n}";
            if (_names.Add(name))
            {
                return name;
            }
        }
    }

    /// <summary>Adds a graph input of element type <paramref name="type"/> and shape [N, width] under an exact name.</summary>
    public string Input(string name, DataType type, long width = 1)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"the graph already has a value named '{name}'");
        }

        Proto.Input.Add(ValueInfo(name, type, [null, width]));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> a graph output under an exact name (an Identity node renames it).</summary>
    public void Output(string value, string name, DataType type, IReadOnlyList<long?> shape)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"the graph already has a value named '{name}'");
        }

        Proto.Node.Add(MakeNode("Identity", string.Empty, [value], [name], []));
        Proto.Output.Add(ValueInfo(name, type, shape));
    }

    /// <summary>Adds a node of the default domain with one output and returns the output's name.</summary>
    public string Node(string op, IReadOnlyList<string> inputs, params AttributeProto[] attributes) =>
        Node(op, string.Empty, inputs, attributes);

    public string Node(string op, string domain, IReadOnlyList<string> inputs, params AttributeProto[] attributes)
    {
        var output = Fresh(op);
        Proto.Node.Add(MakeNode(op, domain, inputs, [output], attributes));
        return output;
    }

    public string Constant(string hint, ReadOnlySpan<float> values, params long[] dims) => AddInitializer(OnnxTensors.Float(Fresh(hint), values, dims));

    public string Constant(string hint, ReadOnlySpan<double> values, params long[] dims) => AddInitializer(OnnxTensors.Double(Fresh(hint), values, dims));

    public string Constant(string hint, ReadOnlySpan<long> values, params long[] dims) => AddInitializer(OnnxTensors.Int64(Fresh(hint), values, dims));

    public string Constant(string hint, IReadOnlyList<string> values, params long[] dims) => AddInitializer(OnnxTensors.String(Fresh(hint), values, dims));

    /// <summary>A float scalar (shape []), broadcast by the element-wise operators.</summary>
    public string Scalar(float value) => Constant("c", [value]);

    public string Scalar(double value) => Constant("c", [value]);

    private string AddInitializer(TensorProto tensor)
    {
        Proto.Initializer.Add(tensor);
        return tensor.Name;
    }

    private NodeProto MakeNode(string op, string domain, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Domain = domain, Name = Fresh($"node_{op}") };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        node.Attribute.Add(attributes);
        return node;
    }

    /// <summary>A tensor value's type; a null dimension is the symbolic row count N.</summary>
    private static ValueInfoProto ValueInfo(string name, DataType type, IReadOnlyList<long?> shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            tensorShape.Dim.Add(dim is { } d ? new TensorShapeProto.Types.Dimension { DimValue = d } : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } } };
    }
}
