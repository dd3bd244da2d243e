namespace Tabml.Learners.LightGbm;

/// <summary>What one rank of data-parallel LightGBM training needs from the cluster.</summary>
internal interface IDistributedBoosting
{
    /// <summary>Extra LightGBM parameters (tree_learner=data, num_machines, pre_partition).</summary>
    string Parameters { get; }

    /// <summary>
    /// The validation loss over every rank's validation rows, from this rank's loss on its own rows; the same
    /// value on every rank, so early stopping decides the same everywhere.
    /// </summary>
    double GlobalLoss(int iteration, double localLoss, int localRows);
}
