using Microsoft.CodeAnalysis;

namespace DistAnalyzers
{
    public static partial class Descriptors
    {
        public static readonly DiagnosticDescriptor DIST102_LastWriteWinsByWallClock = Create(
            DiagnosticIds.LastWriteWinsByWallClock,
            "Last-write-wins decided by wall-clock timestamps",
            "The surviving write is picked by the wall-clock stamp '{0}': {1}",
            Categories.Time,
            "Picking the surviving write by comparing wall-clock stamps lets clock skew decide: a later write can carry the smaller stamp and silently lose, and equal stamps leave the winner to arrival order. Use a version vector, or a hybrid logical clock with a deterministic tie-breaker; keep last-write-wins only knowingly, in an Lww-named type, with a tie-breaker.");

        public static readonly DiagnosticDescriptor DIST103_CausalityFromLamportTimestamps = Create(
            DiagnosticIds.CausalityFromLamportTimestamps,
            "Causality decided from scalar Lamport timestamps",
            "'{0}' decides causality from scalar clock values; L(a) < L(b) does not mean a happened before b, and concurrent events usually carry different timestamps: compare vector clocks",
            Categories.Time,
            "Lamport clocks guarantee only that a happened-before b implies L(a) < L(b). The converse does not hold, so a scalar comparison cannot tell 'happened before' from 'concurrent'. Only vector clocks (or version vectors) characterize causality.");

        public static readonly DiagnosticDescriptor DIST104_VectorClockTotalOrder = Create(
            DiagnosticIds.VectorClockTotalOrder,
            "Vector clock given a total order",
            "Vector clock '{0}' {1}; vector clocks are only partially ordered and a total order invents a causal order between concurrent clocks",
            Categories.Time,
            "Two vector clocks can be concurrent: neither is element-wise less than or equal to the other. A total CompareTo, an ordering operator built on a scalar reduction, or a sort over clocks must call such clocks ordered or equal. Compare causally: before, after, equal or concurrent.");
    }
}
