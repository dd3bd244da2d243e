using System.Text;
using CsvHelper;
using Tabml.Errors;

namespace Tabml.Data.Csv;

/// <summary>
/// Splits a CSV file by rows into N files with the same header (round-robin, so a file sorted by class or
/// time gives partitions alike); records are copied byte for byte, quoting included.
/// </summary>
public static class CsvPartitioner
{
    public static IReadOnlyList<string> Split(string path, int parts, string outputDirectory)
    {
        if (parts < 2)
        {
            throw TabmlException.Usage($"--parts must be at least 2, got {parts}");
        }

        var headers = CsvTableReader.ReadHeaders(path);
        Directory.CreateDirectory(outputDirectory);
        var stem = Path.GetFileName(path);
        foreach (var suffix in new[] { ".gz", ".csv" })
        {
            stem = stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? stem[..^suffix.Length] : stem;
        }

        var files = Enumerable.Range(1, parts).Select(i => Path.Combine(outputDirectory, $"{stem}.part{i}.csv")).ToArray();
        var writers = files.Select(f => new FileStream(f, FileMode.Create, FileAccess.Write)).ToArray();
        try
        {
            var delimiter = DelimiterDetector.Detect(CsvSource.Sample(path));
            using var csv = CsvReader.Create(CsvSource.Open(path), new CsvReaderOptions { Separator = delimiter, HasHeader = true, TrackLineNumbers = true, FieldCountMismatch = CsvFieldCountHandling.Allow }, leaveOpen: false);
            csv.ReadHeader();
            var header = Encoding.UTF8.GetBytes(string.Join(delimiter, headers.Select(Quote)) + "\n");
            foreach (var writer in writers)
            {
                writer.Write(header);
            }

            var row = 0;
            while (csv.Read())
            {
                var writer = writers[row % parts];
                writer.Write(csv.RawRecord.TrimEnd("\r\n"u8));
                writer.WriteByte((byte)'\n');
                row++;
            }

            return files;
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(",;\t|\"\n\r");

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(Special) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
