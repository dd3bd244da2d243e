using Tabml.Bench.Suites;
using Tabml.Data;

namespace Tabml.Bench.Methods;

/// <summary>One dataset split as the methods see it.</summary>
public sealed record TaskData(SuiteEntry Entry, int Split, Dataset Train, Dataset Valid, Dataset Test);
