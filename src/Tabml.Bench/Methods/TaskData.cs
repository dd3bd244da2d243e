using Tabml.Bench.Suites;
using Tabml.Data;

namespace Tabml.Bench.Methods;

/// <summary>
/// One dataset split as the methods see it; <see cref="TrainValid"/> is the training rows followed by the
/// validation rows, which bagged methods split into their own folds.
/// </summary>
public sealed record TaskData(SuiteEntry Entry, int Split, Dataset Train, Dataset Valid, Dataset Test, Dataset TrainValid);
