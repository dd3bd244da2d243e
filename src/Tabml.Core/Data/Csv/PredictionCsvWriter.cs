using System.Globalization;
using CsvHelper;
using Tabml.Learners;

namespace Tabml.Data.Csv;

/// <summary>
/// Writes predictions as CSV, one row per input row in input order: for classification the predicted label
/// and one probability column per class (proba_LABEL), for regression the value. Numbers use the shortest
/// round-trip form, so the file holds exactly the computed predictions.
/// </summary>
public static class PredictionCsvWriter
{
    public static void Write(TextWriter output, TargetSchema target, Predictions predictions)
    {
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { Separator = ',', NewLine = "\n" }, leaveOpen: true);
        var classification = target.Task.IsClassification();
        var header = classification
            ? target.ClassLabels.Select(l => $"proba_{l}").Prepend("prediction").ToArray()
            : ["prediction"];
        csv.WriteRecord(header);
        var labels = classification ? predictions.ArgMax() : null;
        for (var r = 0; r < predictions.RowCount; r++)
        {
            if (labels is not null)
            {
                csv.WriteField(target.ClassLabels[labels[r]]);
            }

            foreach (var value in predictions.Row(r))
            {
                csv.WriteField(value.ToString("R", CultureInfo.InvariantCulture));
            }

            csv.EndRecord();
        }

        csv.Flush();
    }
}
