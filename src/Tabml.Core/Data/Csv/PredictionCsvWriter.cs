using System.Globalization;
using CsvHelper;
using Tabml.Learners;

namespace Tabml.Data.Csv;

/// <summary>
/// Writes predictions as CSV, one row per input row in input order: for classification the predicted label
/// and one probability column per class (proba_LABEL), for regression the value. Numbers use the shortest
/// round-trip form, so the file holds exactly the computed predictions. An instance writes the header with
/// the first rows and then the rows of as many chunks as the caller has, so a streamed file equals a
/// whole-file one, and a read that fails before the first chunk writes nothing.
/// </summary>
public sealed class PredictionCsvWriter : IDisposable
{
    private readonly CsvWriter _csv;
    private readonly TargetSchema _target;
    private bool _started;

    public PredictionCsvWriter(TextWriter output, TargetSchema target)
    {
        _csv = CsvWriter.Create(output, new CsvWriterOptions { Separator = ',', NewLine = "\n" }, leaveOpen: true);
        _target = target;
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes the whole file: the header and every row.</summary>
    public static void Write(TextWriter output, TargetSchema target, Predictions predictions)
    {
        using var writer = new PredictionCsvWriter(output, target);
        writer.WriteRows(predictions);
    }

    /// <summary>Writes one row per prediction, after the rows already written.</summary>
    public void WriteRows(Predictions predictions)
    {
        if (!_started)
        {
            _started = true;
            _csv.WriteRecord(_target.Task.IsClassification() ? _target.ClassLabels.Select(l => $"proba_{l}").Prepend("prediction").ToArray() : ["prediction"]);
        }

        var labels = _target.Task.IsClassification() ? predictions.ArgMax() : null;
        for (var r = 0; r < predictions.RowCount; r++)
        {
            if (labels is not null)
            {
                _csv.WriteField(_target.ClassLabels[labels[r]]);
            }

            foreach (var value in predictions.Row(r))
            {
                _csv.WriteField(value.ToString("R", CultureInfo.InvariantCulture));
            }

            _csv.EndRecord();
        }

        Rows += predictions.RowCount;
        _csv.Flush();
    }

    public void Dispose()
    {
        _csv.Flush();
        _csv.Dispose();
    }
}
