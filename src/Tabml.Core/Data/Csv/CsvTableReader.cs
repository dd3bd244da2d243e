using System.Globalization;
using System.Text;
using CsvHelper;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Data.Csv;

/// <summary>
/// Reads a CSV file (CsvHelper, header row required, delimiter detected, standard quoting, .gz accepted)
/// into typed columns, inferring numeric versus text from every row. Errors name the file, line and column.
/// </summary>
public static class CsvTableReader
{
    public static CsvTable Read(string path, CsvReadOptions options, IReporter? reporter = null)
    {
        reporter ??= NullReporter.Instance;
        var delimiter = DelimiterDetector.Detect(CsvSource.Sample(path));
        var missing = options.MissingTokens.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
        using var stream = new CountingStream(CsvSource.Open(path));
        using var csv = CsvReader.Create(stream, ReaderOptions(delimiter), leaveOpen: false);
        var headers = ReadHeaders(csv, path, reporter);
        var columns = PlanColumns(headers, options, path);

        var rows = 0;
        try
        {
            while (csv.Read())
            {
                var line = csv.LineNumber;
                if (csv.FieldCount != headers.Count)
                {
                    throw TabmlException.BadData(new SourceLocation(path, line), $"row has {csv.FieldCount} fields, but the header has {headers.Count}");
                }

                for (var c = 0; c < columns.Length; c++)
                {
                    var column = columns[c];
                    if (column is null)
                    {
                        continue;
                    }

                    var field = csv.GetSpan(c);
                    if (IsMissing(field, missing))
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
            throw TabmlException.BadData(new SourceLocation(path, csv.LineNumber), $"malformed CSV: {FirstLine(e.Message)}");
        }

        if (rows == 0)
        {
            throw TabmlException.BadData($"{path}: no data rows after the header");
        }

        RereadEarlyRowsAsText(path, delimiter, missing, columns);
        CheckNonFinite(path, columns);
        var values = columns.Select(c => c?.Finish()).ToArray();
        return new CsvTable(path, delimiter, headers, values, rows, stream.BytesRead);
    }

    /// <summary>The column names of the header row, with the same checks and renames as <see cref="Read"/>.</summary>
    public static IReadOnlyList<string> ReadHeaders(string path)
    {
        var delimiter = DelimiterDetector.Detect(CsvSource.Sample(path));
        using var csv = CsvReader.Create(CsvSource.Open(path), ReaderOptions(delimiter), leaveOpen: false);
        return ReadHeaders(csv, path, NullReporter.Instance);
    }

    internal static CsvReaderOptions ReaderOptions(char delimiter) => new()
    {
        Separator = delimiter,
        HasHeader = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        FormatProvider = CultureInfo.InvariantCulture,
        Encoding = Encoding.UTF8,
    };

    internal static List<string> ReadHeaders(CsvReader csv, string path, IReporter reporter)
    {
        csv.ReadHeader();
        var headers = csv.Headers.ToList();
        if (headers.Count == 0)
        {
            throw TabmlException.BadData($"{path}: the file is empty; a header row is required");
        }

        headers[0] = headers[0].TrimStart('\uFEFF');
        if (headers.All(h => Utf8NumberParser.TryParse(Encoding.UTF8.GetBytes(h), out _)))
        {
            throw TabmlException.BadData($"{path}:1: the first row holds only numbers; tabml needs a header row with column names");
        }

        for (var i = 0; i < headers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(headers[i]))
            {
                headers[i] = $"column_{i + 1}";
                reporter.Warning($"{path}: column {i + 1} has no name in the header; calling it '{headers[i]}'");
            }
        }

        var duplicates = headers.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
        if (duplicates.Count > 0)
        {
            throw TabmlException.BadData($"{path}:1: duplicate column names in the header: {string.Join(", ", duplicates)}");
        }

        return headers;
    }

    internal static ColumnAccumulator?[] PlanColumns(IReadOnlyList<string> headers, CsvReadOptions options, string path)
    {
        if (options.ExpectedKinds is { } expected)
        {
            var absent = expected.Keys.Where(k => !headers.Contains(k, StringComparer.Ordinal)).Select(k => $"'{k}'").ToList();
            if (absent.Count > 0)
            {
                throw TabmlException.BadData($"{path}: missing column{(absent.Count > 1 ? "s" : "")} {string.Join(", ", absent)} that the model needs");
            }
        }
        else
        {
            foreach (var (flag, names) in new[] { ("--cat", options.Categorical), ("--num", options.Numeric), ("--ignore", options.Ignored) })
            {
                var unknown = names.Where(n => !headers.Contains(n, StringComparer.Ordinal)).Select(n => $"'{n}'").ToList();
                if (unknown.Count > 0)
                {
                    throw TabmlException.Usage($"{flag}: no column {string.Join(", ", unknown)} in {path}");
                }
            }
        }

        return headers.Select(name => PlanColumn(path, name, options)).ToArray();
    }

    private static ColumnAccumulator? PlanColumn(string path, string name, CsvReadOptions options)
    {
        var highPrecision = string.Equals(name, options.HighPrecisionColumn, StringComparison.Ordinal);
        if (options.ExpectedKinds is { } expected)
        {
            return expected.TryGetValue(name, out var kind)
                ? new ColumnAccumulator(path, name, kind == ColumnKind.Numeric ? ColumnRequest.Numeric : ColumnRequest.Categorical, highPrecision)
                : null;
        }

        if (options.Ignored.Contains(name))
        {
            return null;
        }

        var request = options.Categorical.Contains(name) ? ColumnRequest.Categorical
            : options.Numeric.Contains(name) ? ColumnRequest.Numeric
            : ColumnRequest.Auto;
        return new ColumnAccumulator(path, name, request, highPrecision);
    }

    internal static bool IsMissing(ReadOnlySpan<byte> field, byte[][] tokens)
    {
        if (field.IsEmpty)
        {
            return true;
        }

        foreach (var token in tokens)
        {
            if (field.SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }

    private static void RereadEarlyRowsAsText(string path, char delimiter, byte[][] missing, ColumnAccumulator?[] columns)
    {
        var late = columns.Select((c, i) => (Column: c, Index: i)).Where(x => x.Column is { TextFromRow: > 0 }).ToArray();
        if (late.Length == 0)
        {
            return;
        }

        var untilRow = late.Max(x => x.Column!.TextFromRow);
        using var csv = CsvReader.Create(CsvSource.Open(path), ReaderOptions(delimiter), leaveOpen: false);
        csv.ReadHeader();
        for (var row = 0; row < untilRow && csv.Read(); row++)
        {
            foreach (var (column, index) in late)
            {
                if (row < column!.TextFromRow)
                {
                    var field = csv.GetSpan(index);
                    column.Refill(row, field, IsMissing(field, missing));
                }
            }
        }
    }

    internal static void CheckNonFinite(string path, ColumnAccumulator?[] columns)
    {
        foreach (var column in columns)
        {
            if (column is { IsText: false, FirstNonFinite: { } bad })
            {
                throw TabmlException.BadData(
                    new SourceLocation(path, bad.Line, column.Name),
                    $"{ColumnAccumulator.NotFinite(bad.Text)}, or read the column as categorical with --cat {column.Name}");
            }
        }
    }

    internal static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
