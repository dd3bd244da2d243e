using Tabml.Learners.RealMlp;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>method-spec §2.14 hand-checkable fixtures.</summary>
public sealed class RobustScaleTests
{
    [Fact]
    public void Median_center_robust_scale_and_smooth_clip_of_the_spec_fixture()
    {
        float[] x = [1, 2, 3, 4, 100];
        var scale = RobustScale.Fit(x);

        Assert.Equal(3f, scale.Median);
        Assert.Equal(0.5f, scale.Factor);
        Assert.Equal([-0.948683, -0.493197, 0, 0.493197, 2.994277], x.Select(v => Math.Round(scale.Apply(v, 3f), 6)));
    }

    [Fact]
    public void A_zero_iqr_falls_back_to_half_the_range()
    {
        var scale = RobustScale.Fit([0f, 0f, 0f, 0f, 1f]);

        Assert.Equal(2f, scale.Factor);
        Assert.Equal(1.664101, scale.Apply(1f, 3f), 6);
    }

    [Theory]
    [InlineData(300, 0.0, 0.948683)]
    [InlineData(100, 0.0, 1.664101)]
    [InlineData(900, -1.664101, 0.0)]
    [InlineData(500, -0.493197, 0.493197)]
    public void Binary_columns_get_the_spec_values(int ones, double zeroBecomes, double oneBecomes)
    {
        var x = Enumerable.Range(0, 1000).Select(i => i < ones ? 1f : 0f).ToArray();
        var scale = RobustScale.Fit(x);

        Assert.Equal(zeroBecomes, scale.Apply(0f, 3f), 6);
        Assert.Equal(oneBecomes, scale.Apply(1f, 3f), 6);
    }

    [Fact]
    public void A_constant_column_becomes_zero_at_train_and_test_time()
    {
        var scale = RobustScale.Fit([7f, 7f, 7f]);

        Assert.Equal(0f, scale.Apply(7f, 3f));
        Assert.Equal(0f, scale.Apply(1000f, 3f));
    }

    [Theory]
    [InlineData(-10, -2.873479)]
    [InlineData(-3, -2.121320)]
    [InlineData(-1, -0.948683)]
    [InlineData(0, 0)]
    [InlineData(0.5, 0.493197)]
    [InlineData(1, 0.948683)]
    [InlineData(2, 1.664101)]
    [InlineData(3, 2.121320)]
    [InlineData(10, 2.873479)]
    [InlineData(100, 2.998651)]
    public void Smooth_clip_matches_the_spec_values(float x, double expected) =>
        Assert.Equal(expected, RobustScale.SmoothClip(x, 3f), 5);

    [Fact]
    public void Quantiles_are_numpys_linear_interpolation()
    {
        float[] sorted = [1, 2, 4, 8];

        Assert.Equal(1.75, RobustScale.Quantile(sorted, 0.25), 12);
        Assert.Equal(3.0, RobustScale.Quantile(sorted, 0.5), 12);
        Assert.Equal(5.0, RobustScale.Quantile(sorted, 0.75), 12);
    }
}
