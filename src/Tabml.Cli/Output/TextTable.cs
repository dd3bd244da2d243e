using System.Text;

namespace Tabml.Cli.Output;

/// <summary>A plain aligned text table (stable output for people, pipes and tests).</summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];
    private readonly bool[] _rightAligned;

    public TextTable(params string[] headers)
    {
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    public TextTable AlignRight(params int[] columns)
    {
        foreach (var c in columns)
        {
            _rightAligned[c] = true;
        }

        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var widths = _headers.Select((h, c) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length))).ToArray();
        var text = new StringBuilder();
        AppendRow(text, _headers, widths);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var parts = cells.Select((cell, c) => _rightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        text.AppendLine(string.Join("  ", parts).TrimEnd());
    }
}
