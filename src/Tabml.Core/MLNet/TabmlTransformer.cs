using Microsoft.ML;
using Microsoft.ML.Data;
using Tabml.Data;
using Tabml.Learners;

namespace Tabml.MLNet;

/// <summary>
/// A fitted tabml model as an ML.NET transformer: adds Score, Probability and PredictedLabel (as ML.NET's own
/// trainers name them; see <see cref="LabelKind"/>) to any IDataView with the model's input columns, and works
/// in pipelines and PredictionEngine. ML.NET keeps the API to write a transformer into its model zip internal
/// (<c>ModelSaveContext</c> has no public members, loaders register through an internal attribute), so
/// <c>mlContext.Model.Save</c> refuses this transformer: the artefact is the tabml model file, written by
/// <see cref="Save"/> and read by <see cref="Load"/>; the ML.NET steps before it are saved with
/// <c>mlContext.Model.Save</c> as usual (docs/mlnet.md).
/// </summary>
public sealed class TabmlTransformer : ITransformer
{
    internal TabmlTransformer(TabmlModel model, MLNetBinding binding)
    {
        Model = model;
        Binding = binding;
        Outputs = new PredictionColumns(binding, model.Bundle.Schema.Target);
    }

    /// <summary>The tabml model: leaderboard, bundle, and the plain tabml API.</summary>
    public TabmlModel Model { get; }

    /// <summary>Always true: rows are mapped one by one, which PredictionEngine needs.</summary>
    public bool IsRowToRowMapper => true;

    internal MLNetBinding Binding { get; }

    internal PredictionColumns Outputs { get; }

    /// <summary>
    /// Loads a transformer from a tabml model file: one written by <see cref="Save"/> binds to the same
    /// IDataView columns and label type; one written by <c>tabml train</c> reads its input columns by name
    /// and predicts text labels (classification) or a Single score (regression).
    /// </summary>
    public static TabmlTransformer Load(string path)
    {
        var model = TabmlModel.Load(path);
        return new TabmlTransformer(model, MLNetBinding.Of(model.Bundle));
    }

    /// <summary>Writes the tabml model file, with how it binds to IDataView columns.</summary>
    public void Save(string path) => Model.Save(path);

    /// <summary>The input schema's columns, then the prediction columns.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        foreach (var column in Binding.Columns)
        {
            RowReader.Find(inputSchema, column.Name);
        }

        return Outputs.OutputSchema(inputSchema);
    }

    /// <summary>A lazy view of the input with the prediction columns added.</summary>
    public IDataView Transform(IDataView input)
    {
        GetOutputSchema(input.Schema);
        return new PredictingDataView(input, this);
    }

    /// <summary>The per-row mapping PredictionEngine uses.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        GetOutputSchema(inputSchema);
        return new TabmlRowMapper(this, inputSchema);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException(
            "a tabml transformer cannot be written into an ML.NET model zip (ML.NET keeps that API internal); save it with TabmlTransformer.Save(path) "
            + "and load it with TabmlTransformer.Load(path), and save the ML.NET steps before it with mlContext.Model.Save (see docs/mlnet.md)");

    internal Predictions PredictTable(TabularData rows, int threads) =>
        Model.Predict(rows, new PredictOptions { Threads = threads }).Raw;
}
