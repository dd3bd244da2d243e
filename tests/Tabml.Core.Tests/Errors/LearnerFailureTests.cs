using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Tabml.Learners.LightGbm;
using Tabml.Training;
using Tabml.Validation;

namespace Tabml.Core.Tests.Errors;

/// <summary>
/// Problems found inside learners reach the user as one line naming the member and the cause, exit 2; a bad
/// model file is exit 3; anything else keeps its type (a bug, exit 70). Each mapping has its own test.
/// </summary>
public sealed class LearnerFailureTests
{
    private static readonly Dataset Data = SyntheticData.Make(TaskKind.Binary, 120, seed: 3);
    private static readonly Holdout Fold = new(Enumerable.Range(0, 90).ToArray(), Enumerable.Range(90, 30).ToArray(), []);

    [Fact]
    public void A_parameter_LightGBM_rejects_in_its_C_API_is_bad_data_naming_the_member()
    {
        var settings = (LightGbmSettings)LightGbmLearner.Create(LightGbmLearner.TunedName, TaskKind.Binary).Settings with { NumLeaves = 1 };
        var learner = new LightGbmLearner("lightgbm-td", settings);

        var error = Assert.Throws<TabmlException>(() => MemberFitter.FitFold(learner, Data, Fold, new LearnerContext()));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.StartsWith("lightgbm-td: LightGBM ", error.Message, StringComparison.Ordinal);
        Assert.Contains("num_leaves", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_option_ML_NET_rejects_inside_FastTree_is_bad_data_naming_the_member()
    {
        var settings = (FastTreeSettings)FastTreeLearner.Create(FastTreeLearner.TunedName, TaskKind.Binary).Settings with { NumberOfTrees = 0 };
        var learner = new FastTreeLearner("fasttree-td", settings);

        var error = Assert.Throws<TabmlException>(() => MemberFitter.FitFold(learner, Data, Fold, new LearnerContext()));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Equal("fasttree-td: FastTree could not train: Must be positive. (Parameter 'NumberOfTrees')", error.Message);
    }

    [Fact]
    public void An_exception_ML_NET_itself_throws_for_bad_options_or_data_is_bad_data_naming_the_member()
    {
        // What ML.NET throws when called directly, outside FastTreeLearner's own guard.
        var ml = new MLContext(0);
        var rows = Enumerable.Range(0, 20).Select(i => new[] { (float)i }).ToArray();
        var view = FastTreeRows.Binary(ml, rows, rows.Select(r => r[0] > 9).ToArray());
        var thrown = Assert.ThrowsAny<ArgumentException>(() => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfTrees = 0, FeatureColumnName = "Features" }).Fit(view));

        var error = LearnerFailure.Map("fasttree-td", thrown);

        Assert.NotNull(error);
        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Equal("fasttree-td: ML.NET could not train: Must be positive. (Parameter 'NumberOfTrees')", error.Message);
    }

    [Fact]
    public void A_data_problem_tabml_finds_inside_a_learner_keeps_its_code_and_gains_the_member_name()
    {
        var oneClass = Data.Slice(Enumerable.Range(0, 120).Where(r => Data.RequireTarget().RequireLabels()[r] == 0).ToArray());
        var fold = new Holdout(Enumerable.Range(0, oneClass.RowCount - 5).ToArray(), Enumerable.Range(oneClass.RowCount - 5, 5).ToArray(), []);

        var error = Assert.Throws<TabmlException>(() => MemberFitter.FitFold(LightGbmLearner.Create("lightgbm-td", TaskKind.Binary), oneClass, fold, new LearnerContext()));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Equal("lightgbm-td: the training rows of 'y' hold a single class; a classifier needs at least 2 classes", error.Message);
    }

    [Fact]
    public void A_bug_inside_a_learner_is_not_disguised_as_a_user_error()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => MemberFitter.FitFold(new Throwing(new KeyNotFoundException("bug")), Data, Fold, new LearnerContext()));

        Assert.Equal("bug", error.Message);
        Assert.Null(LearnerFailure.Map("x", new ArgumentException("not from ML.NET")));
    }

    [Fact]
    public void Wrappers_of_parallel_loops_reflection_and_type_initialisers_are_unwrapped_to_the_cause()
    {
        var cause = TabmlException.BadData("the cause");

        Assert.Same(cause, LearnerFailure.Unwrap(new AggregateException(new InvalidOperationException("other"), new AggregateException(cause))));
        Assert.Same(cause, LearnerFailure.Unwrap(new TargetInvocationException(cause)));
        Assert.Same(cause, LearnerFailure.Unwrap(new TypeInitializationException("T", new AggregateException(cause))));
    }

    [Fact]
    public void A_LightGBM_model_whose_layout_disagrees_with_its_model_text_is_a_bad_model_file()
    {
        var train = Data.Slice(Fold.Train);
        using var model = LightGbmLearner.Create("lightgbm-td", TaskKind.Binary).Fit(train, Data.Slice(Fold.Valid), new LearnerContext());
        var entries = new InMemoryArtifacts("m.tabml: member 'lightgbm-td'");
        model.Save(entries);
        var damaged = new InMemoryArtifacts("m.tabml: member 'lightgbm-td'");
        var layout = System.Text.Encoding.UTF8.GetString(entries.Entries["layout.json"]).Replace("\"x0\",", string.Empty, StringComparison.Ordinal);
        damaged.Write("layout.json", System.Text.Encoding.UTF8.GetBytes(layout));
        damaged.Write("model.txt", entries.Entries["model.txt"]);

        var error = Assert.Throws<TabmlException>(() => LightGbmModel.Load(damaged, new ModelLoadContext("lightgbm-td", TaskKind.Binary, 2)));

        Assert.Equal(ExitCodes.BadModelFile, error.ExitCode);
        Assert.Matches(@"^m\.tabml: member 'lightgbm-td': model\.txt: the model has \d+ features and 1 outputs per iteration, the layout \d+ and 1$", error.Message);
    }

    private sealed class Throwing(Exception exception) : ILearner
    {
        public string Name => "throwing";

        public object Settings => new();

        public IModel Fit(Dataset train, Dataset? valid, LearnerContext context) => throw exception;
    }
}
