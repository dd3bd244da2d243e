using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;

namespace Tabml.Core.Tests.Learners;

/// <summary>A member that reads a column its bundle's schema lacks is a bad model file (found by the bundle fuzzer).</summary>
public sealed class ModelInputsTests
{
    [Theory]
    [InlineData("fasttree-td")]
    [InlineData("realmlp-td")]
    public void A_member_reading_a_column_the_data_lacks_is_a_bad_model_file_naming_the_column(string learner)
    {
        var data = SyntheticData.Make(TaskKind.Binary, 120);
        using var model = LearnerCatalog.Create(learner, TaskKind.Binary).Fit(data, null, new LearnerContext { Seed = 0, Threads = 1 });
        var missing = data.Features[0].Name;
        var withoutFirst = new Dataset(data.Features.Skip(1).ToArray(), null, data.RowCount);

        var error = Assert.Throws<TabmlException>(() => model.Predict(withoutFirst, 1));

        Assert.Equal(ExitCodes.BadModelFile, error.ExitCode);
        Assert.Contains($"reads column '{missing}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(120, model.Predict(data.WithoutTarget(), 1).RowCount);
    }
}
