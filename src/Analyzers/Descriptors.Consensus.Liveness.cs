using Microsoft.CodeAnalysis;

namespace DistAnalyzers
{
    /// <summary>Consensus and quorums lab: liveness and client semantics (DIST305, DIST306).</summary>
    public static partial class Descriptors
    {
        public static readonly DiagnosticDescriptor DIST305_ElectionTimeoutNotRandomized = Create(
            DiagnosticIds.ElectionTimeoutNotRandomized,
            "Election timeout not randomized",
            "Election timeout '{0}' is the same on every node, so candidates that time out together split the vote again; randomize it, for example uniformly in [T, 2T)",
            Categories.Consensus,
            "FLP rules out a deterministic protocol that always terminates in an asynchronous system with one crash; Raft stays safe and terminates only when candidates rarely collide, which it gets by randomizing each node's election timeout. A fixed timeout lets nodes that start together time out together and split the vote again and again.");

        public static readonly DiagnosticDescriptor DIST306_NonIdempotentRetry = Create(
            DiagnosticIds.NonIdempotentRetry,
            "Retry that is not idempotent",
            "{0}",
            Categories.Consensus,
            "Consensus gives a replicated log, not exactly-once client semantics: a client that times out and retries can have its command applied twice. Each command needs a client id + sequence number (or idempotency key) created once, reused on every attempt, and deduplicated by the state machine.");
    }
}
