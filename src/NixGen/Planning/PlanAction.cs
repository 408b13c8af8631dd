namespace NixGen.Planning;

/// <summary>What the planner decided for one service.</summary>
internal enum PlanAction
{
    /// <summary>Every input matches nixgen.lock: its locked hash is used as is.</summary>
    Reuse,

    /// <summary>An input changed (or <c>--force</c>): hash it, unless the result cache already has its fingerprint.</summary>
    Hash,
}
