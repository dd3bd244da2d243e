namespace Tabml.Learners.RealMlp;

/// <summary>Copies encoded rows into a workspace's batch inputs: by index (a shuffled batch) or a contiguous range.</summary>
internal static class BatchGather
{
    public static void Rows(EncodedRows data, ReadOnlySpan<int> rows, RealMlpWorkspace w)
    {
        var n = w.Numeric.Length / w.Capacity;
        var b = w.Binary.Length / w.Capacity;
        var e = w.Codes.Length / w.Capacity;
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            data.Numeric.AsSpan(r * n, n).CopyTo(w.Numeric.AsSpan(i * n, n));
            data.Binary.AsSpan(r * b, b).CopyTo(w.Binary.AsSpan(i * b, b));
            data.Codes.AsSpan(r * e, e).CopyTo(w.Codes.AsSpan(i * e, e));
        }
    }

    public static void Contiguous(EncodedRows data, int start, int count, RealMlpWorkspace w)
    {
        var n = w.Numeric.Length / w.Capacity;
        var b = w.Binary.Length / w.Capacity;
        var e = w.Codes.Length / w.Capacity;
        data.Numeric.AsSpan(start * n, count * n).CopyTo(w.Numeric);
        data.Binary.AsSpan(start * b, count * b).CopyTo(w.Binary);
        data.Codes.AsSpan(start * e, count * e).CopyTo(w.Codes);
    }
}
