using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Dictionaries keyed by syntax tree for one compilation (a gate's places, DIST204's CancelAfter files), sized for
    /// the compilation's trees when made in a rule's compilation start: grown from the default size, each such
    /// dictionary rehashed itself five times on 500 files (a microbenchmark of 27,000 adds: 5–10 ms default, 1–2.5 ms sized).
    /// The capacity is twice the count: a <see cref="ConcurrentDictionary{TKey, TValue}"/> grows as soon as one of its
    /// locks guards more than its share of the buckets, so a table made for exactly 511 entries over 4 locks still
    /// rehashed once on 511 trees (buckets 521 → 1,103; made for 1,022, it stays at 1,103).
    /// </summary>
    internal static class PerTree
    {
        /// <summary>The most entries a dictionary is made for up front (an IDE analyses a few open files of a large solution).</summary>
        private const int MostExpected = 1024;

        [System.ThreadStatic]
        private static int expected;

        /// <summary>Sizes the dictionaries made on this thread from now on for <paramref name="compilation"/>'s trees (null: default).</summary>
        internal static void Expect(Compilation? compilation) =>
            expected = compilation is null ? 0 : System.Math.Min(MostExpected, compilation.SyntaxTrees.Count());

        public static ConcurrentDictionary<SyntaxTree, T> NewDictionary<T>() =>
            expected > 31 ? new ConcurrentDictionary<SyntaxTree, T>(concurrencyLevel: 4, capacity: 2 * expected) : new ConcurrentDictionary<SyntaxTree, T>();
    }
}
