using Tabml.Numerics.Random;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// One network of a fit (n_ens of them train side by side) with its own batch buffers and its own
/// shuffling and dropout streams.
/// </summary>
internal sealed class TrainingMember
{
    public TrainingMember(RealMlpNetwork network, int batchSize, DeterministicRandom shuffle, LaneRandom dropout)
    {
        Network = network;
        Batch = new BatchState(network, batchSize);
        Shuffle = shuffle;
        Dropout = dropout;
    }

    public RealMlpNetwork Network { get; }

    public BatchState Batch { get; }

    public DeterministicRandom Shuffle { get; }

    public LaneRandom Dropout { get; }

    /// <summary>This epoch's order of the training rows.</summary>
    public int[] Permutation { get; private set; } = [];

    /// <summary>A fresh uniform permutation of 0..n−1 (the same draws as <see cref="DeterministicRandom.Permutation"/>, without allocating).</summary>
    public void Reshuffle(int n)
    {
        if (Permutation.Length != n)
        {
            Permutation = new int[n];
        }

        for (var i = 0; i < n; i++)
        {
            Permutation[i] = i;
        }

        Shuffle.Shuffle(Permutation.AsSpan());
    }

    /// <summary>The parameters of the best epoch so far.</summary>
    public float[]? Best { get; set; }
}
