using Tabml.Learners.LightGbm;

namespace Tabml.Core.Tests.Learners.LightGbm;

/// <summary>method-spec §5.1: s = numpy.random.RandomState(seed).randint(0, 2**31 − 1).</summary>
public sealed class ReferenceSeedTests
{
    [Fact]
    public void Mt19937_matches_the_reference_output_for_the_canonical_seed()
    {
        // Matsumoto and Nishimura's reference implementation with init_genrand(5489) starts with 3499211612.
        var mt = new ReferenceSeed.Mt19937(5489);

        Assert.Equal(3499211612u, mt.Next());
        Assert.Equal(581869302u, mt.Next());
    }

    [Theory]
    [InlineData(0, 209652396)]
    [InlineData(42, 1608637542)]
    public void The_seed_equals_numpys_randint_draw(int seed, int expected)
    {
        Assert.Equal(expected, ReferenceSeed.For(seed));
    }
}
