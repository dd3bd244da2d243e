using Tabml.Bench.Methods;
using Tabml.Data;
using Tabml.Metrics;

namespace Tabml.Bench.Results;

/// <summary>Turns a method's outcome on a split into its result row (test metrics, validation score, timings).</summary>
public static class ResultRows
{
    /// <param name="outOfFold">The validation predictions are out-of-fold over the training and validation rows.</param>
    public static ResultRow From(TaskData data, string method, MethodOutcome outcome, bool outOfFold = false)
    {
        var test = EvaluationReport.Evaluate(data.Test.RequireTarget(), outcome.Test);
        var valid = EvaluationReport.Evaluate((outOfFold ? data.TrainValid : data.Valid).RequireTarget(), outcome.Valid);
        return Base(data, method, "ok") with
        {
            Score = test.HeadlineError,
            ValidScore = valid.HeadlineError,
            Error = test.Error,
            LogLoss = test.LogLoss,
            Auc = test.Auc,
            Rmse = test.Rmse,
            Nrmse = test.Nrmse,
            FitSeconds = outcome.FitSeconds,
            PredictSeconds = outcome.PredictSeconds,
            PeakMemoryMb = outcome.PeakMemoryMb,
            Details = outcome.Details,
        };
    }

    public static ResultRow Failed(TaskData data, string method, string message) =>
        Base(data, method, $"failed: {message.Split('\n')[0]}");

    private static ResultRow Base(TaskData data, string method, string status) => new()
    {
        Dataset = data.Entry.Name,
        Task = data.Train.Task.ToName(),
        Method = method,
        Split = data.Split,
        Status = status,
        TrainRows = data.Train.RowCount,
        ValidRows = data.Valid.RowCount,
        TestRows = data.Test.RowCount,
    };

}
