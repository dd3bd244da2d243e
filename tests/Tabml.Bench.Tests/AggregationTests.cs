using Tabml.Bench.Reports;
using Tabml.Bench.Results;

namespace Tabml.Bench.Tests;

/// <summary>method-spec §8 aggregation on hand-computed numbers.</summary>
public sealed class AggregationTests
{
    [Fact]
    public void The_score_is_the_shifted_geometric_mean_with_the_shift_left_in()
    {
        // Two datasets, one split each: exp((log 0.11 + log 0.21) / 2) = √(0.11 · 0.21).
        var rows = new[] { Row("a", "m", 0, 0.10), Row("b", "m", 0, 0.20) };

        var summary = Assert.Single(Aggregation.Summarize(rows, null));

        Assert.Equal(Math.Sqrt(0.11 * 0.21), summary.Score, 12);
        Assert.Null(summary.Lower);
    }

    [Fact]
    public void Splits_are_averaged_in_log_space_per_dataset_then_over_datasets()
    {
        var rows = new[] { Row("a", "m", 0, 0.09), Row("a", "m", 1, 0.39), Row("b", "m", 0, 0.19), Row("b", "m", 1, 0.19) };

        var summary = Assert.Single(Aggregation.Summarize(rows, null));

        var expected = Math.Exp((((Math.Log(0.10) + Math.Log(0.40)) / 2) + Math.Log(0.20)) / 2);
        Assert.Equal(expected, summary.Score, 12);
    }

    [Fact]
    public void The_interval_is_a_student_t_interval_over_the_split_means()
    {
        var rows = new[] { Row("a", "m", 0, 0.09), Row("a", "m", 1, 0.39), Row("a", "m", 2, 0.19) };

        var summary = Assert.Single(Aggregation.Summarize(rows, null));

        double[] logs = [Math.Log(0.10), Math.Log(0.40), Math.Log(0.20)];
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / 2);
        var half = 4.303 * sd / Math.Sqrt(3);
        Assert.Equal(Math.Exp(mean - half), summary.Lower!.Value, 9);
        Assert.Equal(Math.Exp(mean + half), summary.Upper!.Value, 9);
    }

    [Fact]
    public void Wins_ties_and_losses_compare_mean_errors_per_dataset_with_the_reference()
    {
        var rows = new[]
        {
            Row("a", "ref", 0, 0.2), Row("b", "ref", 0, 0.2), Row("c", "ref", 0, 0.2),
            Row("a", "m", 0, 0.1), Row("b", "m", 0, 0.2), Row("c", "m", 0, 0.3),
        };

        var summary = Aggregation.Summarize(rows, "ref").Single(s => s.Method == "m");

        Assert.Equal((1, 1, 1), (summary.Wins, summary.Ties, summary.Losses));
    }

    [Fact]
    public void Time_per_1000_rows_is_averaged_over_datasets()
    {
        var rows = new[] { Row("a", "m", 0, 0.1, fit: 2, train: 1000), Row("b", "m", 0, 0.1, fit: 1, train: 250) };

        var summary = Assert.Single(Aggregation.Summarize(rows, null));

        Assert.Equal((2.0 + 4.0) / 2, summary.SecondsPer1000, 12);
    }

    [Fact]
    public void Task_types_are_summarised_separately_and_failed_runs_are_left_out()
    {
        var rows = new[] { Row("a", "m", 0, 0.1), Row("r", "m", 0, 0.5, task: "regression"), Row("a", "m", 1, 0.9) with { Status = "failed: x", Score = null } };

        var summaries = Aggregation.Summarize(rows, null);

        Assert.Equal(["classification", "regression"], summaries.Select(s => s.TaskType));
        Assert.Equal(0.11, summaries[0].Score, 12);
    }

    [Fact]
    public void The_pareto_front_keeps_methods_no_other_beats_on_both_axes()
    {
        var fast = new MethodSummary("fast", "c", 1, 1, 0.3, null, null, 0.1, 0, 0, 0);
        var good = new MethodSummary("good", "c", 1, 1, 0.1, null, null, 5, 0, 0, 0);
        var dominated = new MethodSummary("bad", "c", 1, 1, 0.35, null, null, 6, 0, 0, 0);

        Assert.Equal(["fast", "good"], PlotWriter.ParetoFront([dominated, good, fast]).Select(m => m.Method));
    }

    internal static ResultRow Row(string dataset, string method, int split, double score, double fit = 1, int train = 100, string task = "binary") => new()
    {
        Dataset = dataset,
        Task = task,
        Method = method,
        Split = split,
        Status = "ok",
        Score = score,
        FitSeconds = fit,
        TrainRows = train,
    };
}
