using System.Buffers.Binary;
using Google.Protobuf;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.Graph;

/// <summary>
/// TensorProto values. Numbers go into raw_data as little-endian bytes (ONNX's fixed byte order), which is
/// compact and fast to read for the large weight and tree tensors; strings use string_data.
/// </summary>
internal static class OnnxTensors
{
    public static TensorProto Float(string name, ReadOnlySpan<float> values, IReadOnlyList<long> dims)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return Raw(name, DataType.Float, bytes, dims);
    }

    public static TensorProto Double(string name, ReadOnlySpan<double> values, IReadOnlyList<long> dims)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return Raw(name, DataType.Double, bytes, dims);
    }

    public static TensorProto Int64(string name, ReadOnlySpan<long> values, IReadOnlyList<long> dims)
    {
        var bytes = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        }

        return Raw(name, DataType.Int64, bytes, dims);
    }

    public static TensorProto UInt8(string name, ReadOnlySpan<byte> values, IReadOnlyList<long> dims) =>
        Raw(name, DataType.Uint8, values.ToArray(), dims);

    public static TensorProto String(string name, IReadOnlyList<string> values, IReadOnlyList<long> dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.String };
        tensor.Dims.Add(dims);
        tensor.StringData.Add(values.Select(ByteString.CopyFromUtf8));
        return tensor;
    }

    private static TensorProto Raw(string name, DataType type, byte[] bytes, IReadOnlyList<long> dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
