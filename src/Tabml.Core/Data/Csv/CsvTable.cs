namespace Tabml.Data.Csv;

/// <summary>A CSV file read into typed columns. Columns that were not read (ignored, unexpected) are null.</summary>
public sealed class CsvTable
{
    public CsvTable(string path, char delimiter, IReadOnlyList<string> headers, IReadOnlyList<ColumnValues?> columns, int rowCount, long byteCount)
    {
        Path = path;
        Delimiter = delimiter;
        Headers = headers;
        Columns = columns;
        RowCount = rowCount;
        ByteCount = byteCount;
    }

    public string Path { get; }

    public char Delimiter { get; }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<ColumnValues?> Columns { get; }

    public int RowCount { get; }

    /// <summary>Bytes of CSV text read (after decompression for .gz).</summary>
    public long ByteCount { get; }

    public int IndexOf(string name)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (string.Equals(Headers[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public ColumnValues? Column(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : Columns[index];
    }
}
