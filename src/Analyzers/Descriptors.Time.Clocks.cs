using Microsoft.CodeAnalysis;

namespace DistAnalyzers
{
    /// <summary>Time and ordering: the clock rules (DIST101, DIST105, DIST106).</summary>
    public static partial class Descriptors
    {
        private const string Dist101Title = "Monotonic clock value crosses a process boundary";

        public static readonly DiagnosticDescriptor DIST101_MonotonicClockCrossesProcess = Create(
            DiagnosticIds.MonotonicClockCrossesProcess,
            Dist101Title,
            "'{0}' is a monotonic clock reading and leaves the process here; its origin (boot, process start) differs per process and machine, so send a wall-clock timestamp or a duration",
            Categories.Time,
            "Stopwatch.GetTimestamp(), Environment.TickCount(64), TimeProvider.GetTimestamp() and a process-wide stopwatch count from an arbitrary per-process origin: only differences taken inside one process mean anything. Storing such a reading in a message or writing it out sends a number that no other process can interpret.");

        public static readonly DiagnosticDescriptor DIST101_MonotonicClockComparedWithMessage = Create(
            DiagnosticIds.MonotonicClockCrossesProcess,
            Dist101Title,
            "'{0}' compares a local monotonic clock reading with '{1}', a value from a message; readings of different processes have different origins",
            Categories.Time,
            "A monotonic reading of this process compared with, or subtracted from, a value that came from another process mixes two unrelated origins: the result is meaningless. Compare wall-clock timestamps (and know their skew), or use logical clocks for ordering.");

        public static readonly DiagnosticDescriptor DIST101_RawTickDuration = Create(
            DiagnosticIds.MonotonicClockCrossesProcess,
            Dist101Title,
            "'{0}' is a raw Stopwatch tick count in Stopwatch.Frequency units, which differ between machines (10^9/s on Linux, 10^7/s on Windows); send a TimeSpan, milliseconds or Stopwatch.GetElapsedTime(start)",
            Categories.Time,
            "The difference of two GetTimestamp() readings, or ElapsedTicks, is a duration in Stopwatch.Frequency units. Another machine reads it with its own frequency and gets a different duration.");

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
