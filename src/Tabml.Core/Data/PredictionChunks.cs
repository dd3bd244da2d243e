using Tabml.Data.Csv;
using Tabml.Reporting;

namespace Tabml.Data;

/// <summary>
/// Reads a prediction file against a stored schema chunk by chunk: each chunk is the next rows of the file, in
/// order, as a dataset of the model's feature columns, so `predict` handles files of any size in bounded
/// memory. The rules are <see cref="DatasetReader.ReadForPrediction(string, DatasetSchema, IReadOnlyList{string}?, Reporting.IReporter?)"/>'s: extra columns are skipped, a missing
/// column is an error, unseen categories become code 0; their warning (counted over the whole file) comes
/// after the last chunk, with the same text as for a whole-file read.
/// </summary>
public static class PredictionChunks
{
    /// <summary>Rows per chunk for a file of <paramref name="columns"/> feature columns: about 4 million values.</summary>
    public static int DefaultRows(int columns) => Math.Clamp((1 << 22) / Math.Max(1, columns), 1024, 1 << 20);

    public static IEnumerable<Dataset> Read(string path, DatasetSchema schema, int chunkRows, IReadOnlyList<string>? missingTokens = null, IReporter? reporter = null)
    {
        var options = new CsvReadOptions
        {
            MissingTokens = missingTokens ?? schema.MissingTokens,
            ExpectedKinds = schema.InputKinds(),
        };
        var tables = CsvChunkReader.Read(path, options, chunkRows, reporter);
        return Chunks(path, schema, tables, reporter ?? NullReporter.Instance);
    }

    private static IEnumerable<Dataset> Chunks(string path, DatasetSchema schema, IEnumerable<CsvTable> tables, IReporter reporter)
    {
        var unseen = schema.Features.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        foreach (var table in tables)
        {
            var features = DatasetReader.PredictionFeatures(table, schema, reporter, (i, chunkUnseen) =>
            {
                foreach (var (category, count) in chunkUnseen)
                {
                    unseen[i][category] = unseen[i].GetValueOrDefault(category) + count;
                }
            });
            yield return new Dataset(features, null, table.RowCount);
        }

        for (var i = 0; i < unseen.Length; i++)
        {
            DatasetReader.WarnUnseen(reporter, path, schema.Features[i].Name, unseen[i]);
        }
    }
}
