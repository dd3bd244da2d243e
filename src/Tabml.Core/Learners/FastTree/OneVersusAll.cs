namespace Tabml.Learners.FastTree;

/// <summary>How one-versus-all class scores become one probability distribution per row.</summary>
public enum OneVersusAll
{
    /// <summary>Each class's Platt probability, divided by their sum (tabml ≤ 0.1 bundles, format version 1).</summary>
    NormalisedSigmoids,

    /// <summary>Softmax over the classes' logits (FastTree's score times its sigmoid scale, 2 · learning rate).</summary>
    Softmax,
}
