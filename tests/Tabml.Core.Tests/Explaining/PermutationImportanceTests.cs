using Tabml.Data;
using Tabml.Explaining;
using Tabml.Training;

namespace Tabml.Core.Tests.Explaining;

public sealed class PermutationImportanceTests
{
    private static readonly Lazy<(TabmlModel Model, TabularData Data)> Trained = new(Train);

    [Fact]
    public void The_column_the_target_depends_on_ranks_first_and_a_noise_column_gets_no_reliable_importance()
    {
        var (model, data) = Trained.Value;

        var report = model.Explain(data, new ImportanceOptions { Repeats = 5, Threads = 2 });

        Assert.Equal("error", report.Metric);
        Assert.Equal(["signal", "noise", "when"], report.Columns.Select(c => c.Column).Take(1).Concat(report.Columns.Skip(1).Select(c => c.Column).Order(StringComparer.Ordinal)));
        var signal = report.Columns[0];
        Assert.True(signal.Lower > 0.1, $"signal importance {signal.Importance} [{signal.Lower}, {signal.Upper}]");
        var noise = report.Columns.Single(c => c.Column == "noise");
        Assert.True(noise.Importance < signal.Importance / 5, $"noise {noise.Importance} vs signal {signal.Importance}");
        Assert.Equal(5, signal.Increases.Count);
        Assert.Equal(signal.Increases.Average(), signal.Importance, 12);
    }

    [Fact]
    public void A_date_column_is_shuffled_as_one_column_and_the_report_depends_on_the_seed_not_the_threads()
    {
        var (model, data) = Trained.Value;

        var one = model.Explain(data, new ImportanceOptions { Threads = 1, Seed = 4, MaxRows = 300 });
        var two = model.Explain(data, new ImportanceOptions { Threads = 2, Seed = 4, MaxRows = 300 });
        var other = model.Explain(data, new ImportanceOptions { Threads = 2, Seed = 5, MaxRows = 300 });

        Assert.Equal(300, one.Rows);
        Assert.Single(one.Columns, c => c.Column == "when");
        Assert.Equal(3, one.Columns.Count);
        Assert.Equal(one.Columns.SelectMany(c => c.Increases), two.Columns.SelectMany(c => c.Increases));
        Assert.NotEqual(one.Columns.Single(c => c.Column == "signal").Increases, other.Columns.Single(c => c.Column == "signal").Increases);
    }

    [Fact]
    public void Another_metric_or_a_member_can_be_explained()
    {
        var (model, data) = Trained.Value;

        var report = model.Explain(data, new ImportanceOptions { Metric = "logloss", Member = "lightgbm-d", Repeats = 2, MaxRows = 200 });

        Assert.Equal("logloss", report.Metric);
        Assert.Equal("lightgbm-d", report.Model);
        Assert.True(report.Columns[0].Importance > 0);
    }

    private static (TabmlModel, TabularData) Train()
    {
        var random = new Random(11);
        const int rows = 800;
        var signal = new double[rows];
        var noise = new double[rows];
        var when = new DateOnly?[rows];
        var y = new string[rows];
        for (var r = 0; r < rows; r++)
        {
            signal[r] = random.NextDouble() - 0.5;
            noise[r] = random.NextDouble();
            when[r] = new DateOnly(2022, 1, 1).AddDays(random.Next(700));
            y[r] = signal[r] + (0.1 * (random.NextDouble() - 0.5)) > 0 ? "up" : "down";
        }

        var data = TabularData.FromColumns(TableColumn.Numeric("signal", signal), TableColumn.Numeric("noise", noise), TableColumn.Dates("when", when), TableColumn.Text("y", y));
        var model = TabmlModel.Train(data, "y", new TrainOptions { Models = ["lightgbm-d"], Threads = 1 });
        return (model, data);
    }
}
