using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Tabml.Bench.Methods;
using Tabml.Learners;

namespace Tabml.Bench.Running;

/// <summary>
/// Member outcomes on disk (cache/DATASET/splitK/METHOD.KEYHASH.bin), so composite methods reuse members
/// trained once per split, also across resumed runs and shards — only under the same run key.
/// </summary>
public sealed class PredictionCache
{
    private const int Magic = 0x544D4250;
    private readonly string _root;

    public PredictionCache(string root)
    {
        _root = root;
    }

    public bool TryRead(string dataset, int split, string method, string keyHash, out MethodOutcome outcome)
    {
        outcome = null!;
        var path = PathOf(dataset, split, method, keyHash);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            var span = bytes.AsSpan();
            if (BinaryPrimitives.ReadInt32LittleEndian(span) != Magic)
            {
                return false;
            }

            var validRows = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
            var testRows = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
            var outputs = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
            var fit = BinaryPrimitives.ReadDoubleLittleEndian(span[16..]);
            var predict = BinaryPrimitives.ReadDoubleLittleEndian(span[24..]);
            var peak = BinaryPrimitives.ReadDoubleLittleEndian(span[32..]);
            var offset = 40;
            var valid = ReadDoubles(span, ref offset, validRows * outputs);
            var test = ReadDoubles(span, ref offset, testRows * outputs);
            var details = JsonSerializer.Deserialize<Dictionary<string, string>>(Encoding.UTF8.GetString(span[offset..])) ?? [];
            outcome = new MethodOutcome(new Predictions(validRows, outputs, valid), new Predictions(testRows, outputs, test), fit, predict, double.IsNaN(peak) ? null : peak, details);
            return true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or JsonException)
        {
            return false;
        }
    }

    public void Write(string dataset, int split, string method, string keyHash, MethodOutcome outcome)
    {
        var path = PathOf(dataset, split, method, keyHash);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var details = JsonSerializer.SerializeToUtf8Bytes(outcome.Details);
        var bytes = new byte[40 + (8 * (outcome.Valid.Values.Length + outcome.Test.Values.Length)) + details.Length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], outcome.Valid.RowCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], outcome.Test.RowCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], outcome.Valid.OutputCount);
        BinaryPrimitives.WriteDoubleLittleEndian(span[16..], outcome.FitSeconds);
        BinaryPrimitives.WriteDoubleLittleEndian(span[24..], outcome.PredictSeconds);
        BinaryPrimitives.WriteDoubleLittleEndian(span[32..], outcome.PeakMemoryMb ?? double.NaN);
        var offset = 40;
        foreach (var v in outcome.Valid.Values.Concat(outcome.Test.Values))
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[offset..], v);
            offset += 8;
        }

        details.CopyTo(span[offset..]);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string dataset, int split, string method, string keyHash) =>
        System.IO.Path.Combine(_root, dataset, $"split{split}", $"{method}.{keyHash}.bin");

    private static double[] ReadDoubles(ReadOnlySpan<byte> span, ref int offset, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(span[offset..]);
            offset += 8;
        }

        return values;
    }
}
