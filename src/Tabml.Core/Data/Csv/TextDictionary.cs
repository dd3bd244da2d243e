using System.Text;

namespace Tabml.Data.Csv;

/// <summary>Codes distinct UTF-8 field values in first-seen order, without a string per repeated field.</summary>
internal sealed class TextDictionary
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _values = [];
    private char[] _chars = new char[256];

    public TextDictionary()
    {
        _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> Values => _values;

    public int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        var length = Encoding.UTF8.GetChars(utf8, _chars);
        var text = _chars.AsSpan(0, length);
        if (_lookup.TryGetValue(text, out var code))
        {
            return code;
        }

        code = _values.Count;
        var value = text.ToString();
        _values.Add(value);
        _codes.Add(value, code);
        return code;
    }
}
