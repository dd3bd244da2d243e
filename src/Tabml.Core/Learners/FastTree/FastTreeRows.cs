using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tabml.Learners.FastTree;

/// <summary>Builds ML.NET data views over dense feature rows; the only place rows meet IDataView.</summary>
internal static class FastTreeRows
{
    public static IDataView Binary(MLContext ml, float[][] features, bool[] labels) =>
        ml.Data.LoadFromEnumerable(features.Select((f, i) => new BinaryRow { Features = f, Label = labels[i] }), Schema<BinaryRow>(features));

    public static IDataView Regression(MLContext ml, float[][] features, float[] labels) =>
        ml.Data.LoadFromEnumerable(features.Select((f, i) => new RegressionRow { Features = f, Label = labels[i] }), Schema<RegressionRow>(features));

    public static IDataView Unlabelled(MLContext ml, float[][] features, int width) =>
        ml.Data.LoadFromEnumerable(features.Select(f => new FeatureRow { Features = f }), Schema<FeatureRow>(width));

    private static SchemaDefinition Schema<T>(float[][] features) => Schema<T>(features.Length == 0 ? 0 : features[0].Length);

    private static SchemaDefinition Schema<T>(int width)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    internal sealed class BinaryRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    internal sealed class RegressionRow
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    internal sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
