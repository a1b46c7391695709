using System.Threading;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Slots for a cache's last answer, one per thread (by its managed id, modulo <see cref="Count"/>): in a concurrent
    /// analysis the driver's threads, each on its own file, would take turns to overwrite one shared last answer, and
    /// fall through to the look-up it saves. Threads whose ids share a slot only cost that look-up. (The benchmark
    /// analyses on one thread, so its figures do not show this.)
    /// </summary>
    internal static class ThreadSlots
    {
        public const int Count = 16;

        /// <summary>The calling thread's slot.</summary>
        public static int Current => Thread.CurrentThread.ManagedThreadId & (Count - 1);
    }
}
