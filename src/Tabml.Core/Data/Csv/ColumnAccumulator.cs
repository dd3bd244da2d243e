using System.Text;
using Tabml.Errors;

namespace Tabml.Data.Csv;

/// <summary>
/// Collects one column while the file streams by. An automatic column starts numeric and turns to text at
/// its first non-numeric field; the rows before that are re-read as text in a second, partial pass (their
/// original text is needed for the category names: "1.0" and "1" are different categories).
/// </summary>
internal sealed class ColumnAccumulator
{
    private readonly bool _highPrecision;
    private ChunkedBuffer<float>? _single;
    private ChunkedBuffer<double>? _precise;
    private ChunkedBuffer<int>? _codes;
    private TextDictionary? _dictionary;

    private readonly string _path;

    public ColumnAccumulator(string path, string name, ColumnRequest request, bool highPrecision)
    {
        _path = path;
        Name = name;
        Request = request;
        _highPrecision = highPrecision;
        if (request == ColumnRequest.Categorical)
        {
            StartText(0);
            TextFromRow = 0;
        }
        else if (highPrecision)
        {
            _precise = new ChunkedBuffer<double>();
        }
        else
        {
            _single = new ChunkedBuffer<float>();
        }
    }

    public string Name { get; }

    public ColumnRequest Request { get; }

    public bool IsText => _codes is not null;

    /// <summary>Rows before this one were read as numbers and must be re-read as text (0 when none).</summary>
    public int TextFromRow { get; private set; }

    /// <summary>The first field that parsed as a number but is not finite in float32 (line, text).</summary>
    public (long Line, string Text)? FirstNonFinite { get; private set; }

    private int Count => _codes?.Count ?? _single?.Count ?? _precise!.Count;

    public void AddMissing()
    {
        if (_codes is not null)
        {
            _codes.Add(TextValues.Missing);
        }
        else if (_single is not null)
        {
            _single.Add(float.NaN);
        }
        else
        {
            _precise!.Add(double.NaN);
        }
    }

    public void Add(ReadOnlySpan<byte> field, long line)
    {
        // The hot path: a float32 column receiving a finite number.
        if (_single is not null && Utf8NumberParser.TryParse(field, out var number))
        {
            var single = (float)number;
            if (float.IsFinite(single))
            {
                _single.Add(single);
                return;
            }
        }

        AddGeneral(field, line);
    }

    /// <summary>
    /// A number from memory: stored as is when the column holds numbers, otherwise as the text a CSV file
    /// would hold (its shortest round-trip form), so in-memory tables follow the CSV rules.
    /// </summary>
    public void AddDouble(double value, long line)
    {
        if (double.IsNaN(value))
        {
            AddMissing();
            return;
        }

        if (_codes is null && (_highPrecision ? double.IsFinite(value) : float.IsFinite((float)value)))
        {
            AddNumber(value);
            return;
        }

        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
        Add(text[..written], line);
    }

    private void AddGeneral(ReadOnlySpan<byte> field, long line)
    {
        var place = new SourceLocation(_path, line, Name);
        if (_codes is not null)
        {
            _codes.Add(_dictionary!.GetOrAdd(field));
            return;
        }

        var isNumber = Utf8NumberParser.TryParse(field, out var value);
        if (!isNumber && Utf8NumberParser.IsNonFiniteWord(field))
        {
            isNumber = true;
            value = double.NaN;
        }

        if (isNumber)
        {
            var finite = _highPrecision ? double.IsFinite(value) : float.IsFinite((float)value);
            if (finite)
            {
                AddNumber(value);
                return;
            }

            if (Request == ColumnRequest.Numeric)
            {
                throw TabmlException.BadData(place, NotFinite(Encoding.UTF8.GetString(field)));
            }

            FirstNonFinite ??= (place.Line ?? 0, Encoding.UTF8.GetString(field));
            AddNumber(double.NaN);
            return;
        }

        if (Request == ColumnRequest.Numeric)
        {
            throw TabmlException.BadData(place, $"'{Encoding.UTF8.GetString(field)}' is not a number, but the column is numeric");
        }

        TextFromRow = Count;
        StartText(Count);
        _codes!.Add(_dictionary!.GetOrAdd(field));
        _single = null;
        _precise = null;
    }

    /// <summary>The error for a number that is not finite, with the option that reads it as missing.</summary>
    public static string NotFinite(string text) => $"'{text}' is not a finite number; mark it missing with --na {text.Trim()}";

    /// <summary>Second pass: sets the text of an early row that was read as a number.</summary>
    public void Refill(int row, ReadOnlySpan<byte> field, bool missing) =>
        _codes![row] = missing ? TextValues.Missing : _dictionary!.GetOrAdd(field);

    public ColumnValues Finish()
    {
        if (_codes is not null)
        {
            return new TextValues(Name, _codes.ToArrayAndClear(), _dictionary!.Values);
        }

        return _single is not null
            ? new NumericValues(Name, _single.ToArrayAndClear(), null)
            : new NumericValues(Name, null, _precise!.ToArrayAndClear());
    }

    private void AddNumber(double value)
    {
        if (_single is not null)
        {
            _single.Add((float)value);
        }
        else
        {
            _precise!.Add(value);
        }
    }

    private void StartText(int placeholders)
    {
        _codes = new ChunkedBuffer<int>();
        _dictionary = new TextDictionary();
        for (var i = 0; i < placeholders; i++)
        {
            _codes.Add(TextValues.Missing);
        }
    }
}

/// <summary>What the user or the stored schema asks of a column.</summary>
internal enum ColumnRequest
{
    Auto,
    Numeric,
    Categorical,
}
