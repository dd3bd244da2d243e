using Tabml.Data;

namespace Tabml.Learners;

/// <summary>What a model loader knows from the bundle manifest before it reads the member's entries.</summary>
public sealed record ModelLoadContext(string LearnerName, TaskKind Task, int ClassCount);
