using Microsoft.CodeAnalysis;

namespace DistAnalyzers
{
    /// <summary>Time and ordering: the clock rules (DIST101, DIST105, DIST106).</summary>
    public static partial class Descriptors
    {
        public static readonly DiagnosticDescriptor DIST101_MonotonicClockCrossesProcess = Create(
            DiagnosticIds.MonotonicClockCrossesProcess,
            "Monotonic clock value crosses a process boundary",
            "{0}",
            Categories.Time,
            "Stopwatch.GetTimestamp(), Environment.TickCount(64), TimeProvider.GetTimestamp() and a process-wide stopwatch count from an arbitrary per-process origin: only differences taken inside one process mean anything. Storing such a reading in a message, writing it out, or comparing it with a value from a message mixes unrelated origins. Raw Stopwatch tick counts are also in Stopwatch.Frequency units, which differ between machines.");

        public static readonly DiagnosticDescriptor DIST105_WallClockForElapsedTime = Create(
            DiagnosticIds.WallClockForElapsedTime,
            "Wall clock used to measure elapsed time or a timeout",
            "{0}",
            Categories.Time,
            "Wall clocks jump (NTP steps, manual changes, DST for local time) and run at adjusted rates, so an elapsed time computed from DateTime readings can be negative or off by minutes, and a deadline loop can end early or never. Environment.TickCount is a 32-bit millisecond count that wraps: comparing readings, widening them before subtracting, or subtracting in a checked context breaks at the wrap. Measure with Stopwatch.GetTimestamp/GetElapsedTime or Environment.TickCount64.");

        public static readonly DiagnosticDescriptor DIST106_LocalTimeInCrossMachineTimestamp = Create(
            DiagnosticIds.LocalTimeInCrossMachineTimestamp,
            "Local time in a cross-machine timestamp",
            "'{0}' is local wall time and leaves the process here; many paths drop its offset, so another machine reads a different instant; use DateTime.UtcNow",
            Categories.Time,
            "DateTime.Now and DateTime.Today are local time. Ticks, most string formats, database columns and many readers drop the offset, so the same value names different instants in different time zones or across a DST change. Timestamps that leave the process should be UTC.");
    }
}
