using Microsoft.CodeAnalysis;

namespace DistAnalyzers
{
    /// <summary>Consensus protocol rules: proposal numbers (DIST303) and the Raft vote restriction (DIST304).</summary>
    public static partial class Descriptors
    {
        public static readonly DiagnosticDescriptor DIST303_ProposalNumberReusedOrLowered = Create(
            DiagnosticIds.ProposalNumberReusedOrLowered,
            "Proposal number reused or lowered",
            "{0}: a new proposal needs a number strictly higher than any seen and unique to this proposer",
            Categories.Consensus,
            "Acceptors reject proposal numbers below their promise, and a lowered or reused number can collide with a " +
            "ballot already used with another value: acceptors cannot tell the two proposals apart and two different " +
            "values can be chosen. Raise the number above the highest seen (round * N + nodeId keeps it unique).");

        public static readonly DiagnosticDescriptor DIST304_VoteWithoutLogCheck = Create(
            DiagnosticIds.VoteWithoutLogCheck,
            "Vote granted without the log up-to-date check",
            "{0}: compare the candidate's last log term with this node's, then its last log index (Raft §5.4.1)",
            Categories.Consensus,
            "A Raft node may grant its vote only to a candidate whose log is at least as up to date as its own: a higher " +
            "last log term wins, and with equal terms the longer log wins. Without this check a candidate that misses " +
            "committed entries can become leader and overwrite them on the followers.");
    }
}
