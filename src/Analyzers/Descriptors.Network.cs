using Microsoft.CodeAnalysis;

namespace DistAnalyzers
{
    /// <summary>The eight fallacies and partial failure (DIST4xx).</summary>
    public static partial class Descriptors
    {
        public static readonly DiagnosticDescriptor DIST401_HardCodedNetworkAddress = Create(
            DiagnosticIds.HardCodedNetworkAddress,
            "Hard-coded network address",
            "'{0}' hard-codes the IP address {1}: the topology changes (nodes move, scale and fail over), so read the address from configuration or resolve a host name",
            Categories.Network,
            "A literal IP address (bare, ip:port, or as a URL's host) in code breaks as soon as the node it names moves, is replaced, scales out or fails over. Keep addresses in configuration or service discovery, or use a DNS name.");

        public static readonly DiagnosticDescriptor DIST402_AllOrNothingFanOut = Create(
            DiagnosticIds.AllOrNothingFanOut,
            "All-or-nothing fan-out to replicas",
            "'{0}' over one '{1}' per replica waits for all of them: one hung replica blocks it and one failure hides which calls landed; keep the tasks and decide on the successes (a quorum counted with Task.WhenAny)",
            Categories.Network,
            "Task.WhenAll/WaitAll over one call per replica waits for the slowest replica (a hung one forever) and rethrows only the first exception, hiding which replicas succeeded. Partial failure is the normal case: keep the individual tasks and decide on the successes, for example wait for a quorum with Task.WhenAny.");
    }
}
