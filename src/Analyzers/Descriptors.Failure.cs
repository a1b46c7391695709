using Microsoft.CodeAnalysis;

namespace DistAnalyzers
{
    /// <summary>Failure models and failure detection (DIST2xx).</summary>
    public static partial class Descriptors
    {
        public static readonly DiagnosticDescriptor DIST201_ConnectionErrorAsPeerDeath = Create(
            DiagnosticIds.ConnectionErrorAsPeerDeath,
            "Connection error taken as proof of peer death",
            "One {0} declares the peer dead: a reset or timeout describes one path at one moment, not the peer; record a suspicion and let a failure detector decide",
            Categories.Failure,
            "A connection error (socket reset, timeout, failed HTTP or gRPC call) says that one path failed at one moment. The peer may be alive behind a partition, an overload or a GC pause. Record a suspicion (or count failures against a threshold) instead of removing the peer from the membership on the first error.");

        public static readonly DiagnosticDescriptor DIST202_AggressiveFailureDetectorTimeout = Create(
            DiagnosticIds.AggressiveFailureDetectorTimeout,
            "Failure-detector timeout too aggressive for its heartbeat",
            "'{0}' ({1}) is too aggressive: {2}; healthy nodes will be suspected during GC pauses and lost packets",
            Categories.Failure,
            "A failure-detection timeout that allows only a couple of missed heartbeats, or that is shorter than a typical GC pause or retransmission, suspects healthy nodes all the time. Keep election timeouts at least 5 heartbeat intervals, suspicion and lease timeouts at least 3, and never below the minimum (150 ms by default).");

        public static readonly DiagnosticDescriptor DIST203_DetectorNeverSuspects = Create(
            DiagnosticIds.DetectorNeverSuspects,
            "Failure detector that never suspects",
            "'{0}' always returns {1}: this failure detector never suspects anyone, so a crashed node is never detected",
            Categories.Failure,
            "A failure detector that always reports every node alive is accurate but not complete: crashed nodes are never detected and everything waiting on them waits forever. Base the answer on evidence (heartbeats, probes, timeouts).");

        public static readonly DiagnosticDescriptor DIST204_RemoteCallWithoutDeadline = Create(
            DiagnosticIds.RemoteCallWithoutDeadline,
            "Remote call without a timeout or deadline",
            "{0}",
            Categories.Failure,
            "A remote call with no timeout, deadline or cancellation can wait forever: one slow or partitioned peer turns into a stuck caller. gRPC calls have no deadline by default; infinite HttpClient timeouts and socket or stream timeouts of 0/-1 remove the bound.");
    }
}
