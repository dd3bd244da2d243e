using System.Globalization;
using System.Text;
using Tabml.Errors;

namespace Tabml.Core.Tests.Fuzzing;

/// <summary>
/// What a fuzz run saw: how many inputs, how many ended in a result and how many in each exit code, and the
/// first few inputs that ended in anything else (which fail the test).
/// </summary>
internal sealed class FuzzOutcomes
{
    private readonly SortedDictionary<string, int> _byKind = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byMutation = new(StringComparer.Ordinal);

    private readonly HashSet<string> _failedTypes = new(StringComparer.Ordinal);

    public int Inputs { get; private set; }

    public List<string> Failures { get; } = [];

    /// <summary>Runs <paramref name="action"/> on one input and files the outcome under <paramref name="mutation"/>.</summary>
    public void Try(string mutation, Action action)
    {
        Inputs++;
        _byMutation[mutation] = _byMutation.GetValueOrDefault(mutation) + 1;
        try
        {
            action();
            Count("result");
        }
        catch (TabmlException e)
        {
            Count(string.Create(CultureInfo.InvariantCulture, $"TabmlException exit {e.ExitCode}"));
            if (e.Message.Contains('\n', StringComparison.Ordinal))
            {
                Fail(mutation, $"multi-line message: {e.Message}");
            }
        }
        catch (Exception e)
        {
            Count($"other: {e.GetType().Name}");
            if (!_failedTypes.Contains(e.GetType().Name))
            {
                _failedTypes.Add(e.GetType().Name);
                Fail(mutation, e.ToString());
            }
        }
    }

    public string Report(string title, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: {Inputs} inputs in {elapsed.TotalSeconds:F1} s");
        foreach (var (kind, count) in _byKind)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind}: {count}");
        }

        text.AppendLine("  by mutation: " + string.Join(", ", _byMutation.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value}"))));
        return text.ToString();
    }

    private void Count(string kind) => _byKind[kind] = _byKind.GetValueOrDefault(kind) + 1;

    private void Fail(string mutation, string what)
    {
        if (Failures.Count < 10)
        {
            Failures.Add($"[{mutation}] {what}");
        }
    }
}
