using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Runtime.InteropServices;

namespace DistAnalyzers.Benchmarks
{
    /// <summary>
    /// For the timing wrapper's passes (<c>--profile</c>, and a full run's wrapped passes): which thread started each
    /// garbage collection. The runtime's GCStart event carries the collection's number and is written by the thread
    /// that runs a workstation collection, the one whose allocation crossed the budget; so a pause inside a callback
    /// can be told apart: started by the callback's own allocation (or compiler work it set off), or by another
    /// thread while the callback ran.
    /// </summary>
    internal sealed class GcOrigins : EventListener
    {
        private const int GCKeyword = 0x1;

        /// <summary>Collection number -> the OS thread that wrote its GCStart event.</summary>
        public ConcurrentDictionary<long, long> StartedBy { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Informational, (EventKeywords)GCKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is { } name && name.StartsWith("GCStart", StringComparison.Ordinal) && e.Payload is { Count: > 0 } payload)
            {
                StartedBy[Convert.ToInt64(payload[0])] = e.OSThreadId;
            }
        }

        /// <summary>The calling thread's OS id (Linux <c>gettid</c>; 0 where it is not available).</summary>
        public static long CurrentOsThread()
        {
            try
            {
                return OperatingSystem.IsLinux() ? gettid() : 0;
            }
            catch (EntryPointNotFoundException)
            {
                return 0;
            }
        }

        [DllImport("libc", EntryPoint = "gettid")]
        private static extern int gettid();

        /// <summary>Collections that happened inside a wrapped callback: (first number, last number, callback's OS thread, pause ms, the rule and action).</summary>
        public static ConcurrentBag<(long First, long Last, long Thread, double PauseMs, string Where)> InsideCallbacks { get; } = new();

        [ThreadStatic]
        private static long osThread;

        public static long OsThread => osThread != 0 ? osThread : (osThread = CurrentOsThread());

        public static volatile bool Recording;
    }
}
