using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.LightGbm;

namespace Tabml.Core.Tests.Learners.LightGbm;

public sealed class LightGbmTunedContractTests : LearnerContractTests
{
    protected override ILearner CreateLearner(TaskKind task) => LightGbmLearner.Create(LightGbmLearner.TunedName, task);
}

public sealed class LightGbmDefaultContractTests : LearnerContractTests
{
    protected override ILearner CreateLearner(TaskKind task) => LightGbmLearner.Create(LightGbmLearner.DefaultName, task);
}
