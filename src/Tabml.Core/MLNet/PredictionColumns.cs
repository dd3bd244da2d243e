using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Tabml.Data;

namespace Tabml.MLNet;

/// <summary>
/// The columns a tabml transformer adds, named and typed as ML.NET's own trainers do: binary (Boolean label)
/// Score = log-odds, Probability, PredictedLabel (Boolean); classification (text or key label) Score = the
/// class probabilities as a vector (slot names = classes) and PredictedLabel of the label's type; regression
/// Score. For a key label the vector follows the key order, slot k for key k + 1, as ML.NET's evaluators
/// read it (a key without training rows gets probability 0). Each getter reads the current row's prediction
/// from <c>current</c>.
/// </summary>
internal sealed class PredictionColumns
{
    private readonly MLNetBinding _binding;
    private readonly IReadOnlyList<string> _classes;
    private readonly int[] _slotClass;
    private readonly string[] _slotNames;

    public PredictionColumns(MLNetBinding binding, TargetSchema target)
    {
        _binding = binding;
        _classes = target.ClassLabels;
        _slotNames = binding.LabelKind == LabelKind.Key
            ? binding.LabelKeys?.ToArray() ?? Enumerable.Range(1, (int)binding.LabelKeyCount).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray()
            : _classes.ToArray();
        _slotClass = _slotNames.Select(name => _classes.ToList().IndexOf(name)).ToArray();
        Kind = binding.Outputs(target.Task);
        Names = Kind switch
        {
            OutputKind.Binary => ["Score", "Probability", "PredictedLabel"],
            OutputKind.Classes => ["Score", "PredictedLabel"],
            _ => ["Score"],
        };
    }

    public OutputKind Kind { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The input schema's columns followed by the prediction columns (which hide input columns of the same name).</summary>
    public DataViewSchema OutputSchema(DataViewSchema input)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        foreach (var name in Names)
        {
            var (type, annotations) = TypeOf(name);
            builder.AddColumn(name, type, annotations);
        }

        return builder.ToSchema();
    }

    /// <summary>A getter of prediction column <paramref name="index"/>; <paramref name="current"/> gives the current row's outputs.</summary>
    public ValueGetter<T> Getter<T>(int index, Func<ReadOnlyMemory<double>> current)
    {
        Delegate getter = (Names[index], Kind) switch
        {
            ("Score", OutputKind.Classes) => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var row = current().Span;
                var editor = VBufferEditor.Create(ref value, _slotClass.Length);
                for (var i = 0; i < _slotClass.Length; i++)
                {
                    editor.Values[i] = _slotClass[i] < 0 ? 0f : (float)row[_slotClass[i]];
                }

                value = editor.Commit();
            }),
            ("Score", OutputKind.Binary) => (ValueGetter<float>)((ref float value) => value = (float)LogOdds(current().Span[1])),
            ("Score", _) => (ValueGetter<float>)((ref float value) => value = (float)current().Span[0]),
            ("Probability", _) => (ValueGetter<float>)((ref float value) => value = (float)current().Span[1]),
            _ => LabelGetter(current),
        };
        return getter as ValueGetter<T> ?? throw new InvalidOperationException($"column '{Names[index]}' is not of type {typeof(T).Name}");
    }

    private (DataViewType Type, DataViewSchema.Annotations? Annotations) TypeOf(string name) => (name, Kind) switch
    {
        ("Score", OutputKind.Classes) => (new VectorDataViewType(NumberDataViewType.Single, _slotNames.Length), Texts("SlotNames", _slotNames)),
        ("Score" or "Probability", _) => (NumberDataViewType.Single, null),
        _ => _binding.LabelKind switch
        {
            LabelKind.Boolean => (BooleanDataViewType.Instance, null),
            LabelKind.Text => (TextDataViewType.Instance, null),
            LabelKind.Key => (new KeyDataViewType(typeof(uint), _binding.LabelKeyCount), _binding.LabelKeys is { } keys ? Texts("KeyValues", keys) : null),
            _ => (_binding.NumericLabelIsDouble ? NumberDataViewType.Double : NumberDataViewType.Single, null),
        },
    };

    private Delegate LabelGetter(Func<ReadOnlyMemory<double>> current)
    {
        string Predicted()
        {
            var row = current().Span;
            var best = 0;
            for (var k = 1; k < row.Length; k++)
            {
                best = row[k] > row[best] ? k : best;
            }

            return _classes[best];
        }

        return _binding.LabelKind switch
        {
            LabelKind.Boolean => (ValueGetter<bool>)((ref bool value) => value = Predicted() == "True"),
            LabelKind.Text => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = Predicted().AsMemory()),
            LabelKind.Key => (ValueGetter<uint>)((ref uint value) => value = KeyOf(Predicted())),
            _ when _binding.NumericLabelIsDouble => (ValueGetter<double>)((ref double value) => value = double.Parse(Predicted(), CultureInfo.InvariantCulture)),
            _ => (ValueGetter<float>)((ref float value) => value = float.Parse(Predicted(), CultureInfo.InvariantCulture)),
        };
    }

    private uint KeyOf(string label) =>
        _binding.LabelKeys is { } keys ? (uint)(keys.ToList().IndexOf(label) + 1) : uint.Parse(label, CultureInfo.InvariantCulture);

    private static double LogOdds(double p)
    {
        var clamped = Math.Clamp(p, 1e-15, 1 - 1e-15);
        return Math.Log(clamped / (1 - clamped));
    }

    private static DataViewSchema.Annotations Texts(string kind, IReadOnlyList<string> texts)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter = (ref VBuffer<ReadOnlyMemory<char>> value) =>
            value = new VBuffer<ReadOnlyMemory<char>>(texts.Count, texts.Select(t => t.AsMemory()).ToArray());
        builder.Add(kind, new VectorDataViewType(TextDataViewType.Instance, texts.Count), getter);
        return builder.ToAnnotations();
    }
}
