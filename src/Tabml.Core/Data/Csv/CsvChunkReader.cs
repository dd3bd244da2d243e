using System.Text;
using CsvHelper;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Data.Csv;

/// <summary>
/// Reads a CSV file against fixed column kinds (prediction with a stored schema) in chunks of rows, so a file
/// of any size is read in bounded memory. Every chunk is a <see cref="CsvTable"/> with the file's headers and
/// the next rows in file order; parsing, checks and errors (file:line:column) are <see cref="CsvTableReader"/>'s.
/// </summary>
public static class CsvChunkReader
{
    public static IEnumerable<CsvTable> Read(string path, CsvReadOptions options, int chunkRows, IReporter? reporter = null)
    {
        if (options.ExpectedKinds is null)
        {
            throw new ArgumentException("chunked reading needs the columns' kinds fixed in advance (ExpectedKinds)", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        return ReadChunks(path, options, chunkRows, reporter ?? NullReporter.Instance);
    }

    private static IEnumerable<CsvTable> ReadChunks(string path, CsvReadOptions options, int chunkRows, IReporter reporter)
    {
        var delimiter = DelimiterDetector.Detect(CsvSource.Sample(path));
        var missing = options.MissingTokens.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
        using var stream = new CountingStream(CsvSource.Open(path));
        using var csv = CsvReader.Create(stream, CsvTableReader.ReaderOptions(delimiter), leaveOpen: false);
        var headers = CsvTableReader.ReadHeaders(csv, path, reporter);
        var total = 0L;
        while (true)
        {
            var columns = CsvTableReader.PlanColumns(headers, options, path);
            var rows = ReadRows(csv, path, headers.Count, columns, missing, chunkRows);
            if (rows > 0)
            {
                total += rows;
                yield return new CsvTable(path, delimiter, headers, columns.Select(c => c?.Finish()).ToArray(), rows, stream.BytesRead);
            }

            if (rows < chunkRows)
            {
                break;
            }
        }

        if (total == 0)
        {
            throw TabmlException.BadData($"{path}: no data rows after the header");
        }
    }

    /// <summary>Reads up to <paramref name="limit"/> rows into the columns; returns how many were read.</summary>
    private static int ReadRows(CsvReader csv, string path, int fieldCount, ColumnAccumulator?[] columns, byte[][] missing, int limit)
    {
        var rows = 0;
        try
        {
            while (rows < limit && csv.Read())
            {
                var line = csv.LineNumber;
                if (csv.FieldCount != fieldCount)
                {
                    throw TabmlException.BadData(new SourceLocation(path, line), $"row has {csv.FieldCount} fields, but the header has {fieldCount}");
                }

                for (var c = 0; c < columns.Length; c++)
                {
                    if (columns[c] is not { } column)
                    {
                        continue;
                    }

                    var field = csv.GetSpan(c);
                    if (CsvTableReader.IsMissing(field, missing))
                    {
                        column.AddMissing();
                    }
                    else
                    {
                        column.Add(field, line);
                    }
                }

                rows++;
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException or DecoderFallbackException)
        {
            throw TabmlException.BadData(new SourceLocation(path, csv.LineNumber), $"malformed CSV: {CsvTableReader.FirstLine(e.Message)}");
        }

        return rows;
    }
}
