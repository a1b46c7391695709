using System;
using System.Collections.Concurrent;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// A memo of a pure test on names (typically a word list's <see cref="WordList.MayMatch(string)"/> prefilter, which
    /// searches each of its stems): a program repeats the same few thousand names (<c>result</c>, <c>count</c>,
    /// <c>options</c>…) tens of thousands of times, and a look-up costs less than the searches. Keep one per options
    /// object (per compilation), never in a static: the answers depend on the configured words. Thread-safe; after
    /// <see cref="MaxNames"/> distinct names it stops remembering new ones (and just tests them).
    /// </summary>
    internal sealed class NameMemo
    {
        private const int MaxNames = 50_000;

        private readonly Func<string, bool> test;
        private readonly ConcurrentDictionary<string, bool> answers = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        public NameMemo(Func<string, bool> test)
        {
            this.test = test;
        }

        // Not answers.Count, which takes every lock of the dictionary.
        private int count;

        /// <summary>The test's answer for <paramref name="name"/>.</summary>
        public bool Test(string name)
        {
            if (answers.TryGetValue(name, out var known))
            {
                return known;
            }

            var value = test(name);
            if (System.Threading.Volatile.Read(ref count) < MaxNames && answers.TryAdd(name, value))
            {
                System.Threading.Interlocked.Increment(ref count);
            }

            return value;
        }
    }
}
