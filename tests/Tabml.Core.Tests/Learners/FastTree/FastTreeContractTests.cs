using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.FastTree;

namespace Tabml.Core.Tests.Learners.FastTree;

public sealed class FastTreeTunedContractTests : LearnerContractTests
{
    protected override ILearner CreateLearner(TaskKind task) => FastTreeLearner.Create(FastTreeLearner.TunedName, task);
}

public sealed class FastTreeDefaultContractTests : LearnerContractTests
{
    protected override ILearner CreateLearner(TaskKind task) => FastTreeLearner.Create(FastTreeLearner.DefaultName, task);
}
