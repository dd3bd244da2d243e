namespace Tabml.Learners.Forests;

/// <summary>The category set of a categorical split: <see cref="Words"/> 32-bit words of the tree's bitsets from <see cref="Start"/> (none for a numeric split).</summary>
internal readonly record struct CategorySet(int Start, int Words);
