namespace Tabml.Data.Csv;

/// <summary>
/// Picks the delimiter among comma, semicolon, tab and pipe from the first lines: the candidate that
/// appears (outside quotes) most often in the header and as often in the next lines. A file with one
/// column has none of them, and gets the comma.
/// </summary>
public static class DelimiterDetector
{
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static char Detect(ReadOnlySpan<char> sample)
    {
        var lines = SplitLines(sample, maxLines: 20);
        if (lines.Count == 0)
        {
            return ',';
        }

        var best = ',';
        var bestScore = 0;
        foreach (var candidate in Candidates)
        {
            var headerCount = CountOutsideQuotes(lines[0], candidate);
            if (headerCount == 0)
            {
                continue;
            }

            // Lines that agree with the header count; a quoted multi-line field can break one line, not most.
            var agreeing = lines.Skip(1).Count(l => CountOutsideQuotes(l, candidate) == headerCount);
            var score = (headerCount * 4) + (agreeing * 1000);
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    private static List<string> SplitLines(ReadOnlySpan<char> sample, int maxLines)
    {
        var lines = new List<string>();
        foreach (var range in sample.Split('\n'))
        {
            var line = sample[range].TrimEnd('\r');
            if (line.Length > 0)
            {
                lines.Add(line.ToString());
            }

            if (lines.Count == maxLines)
            {
                break;
            }
        }

        // The last line of a sample may be cut short.
        if (lines.Count > 2)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                count++;
            }
        }

        return count;
    }
}
