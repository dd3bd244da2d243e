using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.RealMlp;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>The learner contract with the paper's defaults (256 epochs on a few hundred rows).</summary>
public sealed class RealMlpTunedContractTests : LearnerContractTests
{
    protected override ILearner CreateLearner(TaskKind task) => RealMlpLearner.Create(RealMlpLearner.TunedName, task);
}

public sealed class RealMlpSimpleContractTests : LearnerContractTests
{
    protected override ILearner CreateLearner(TaskKind task) => RealMlpLearner.Create(RealMlpLearner.SimpleName, task);
}
