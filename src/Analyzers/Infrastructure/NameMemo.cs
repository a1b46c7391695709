using System;
using System.Collections.Concurrent;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// A pure test of a name (a word-list match), remembered per name: callbacks that run for every invocation or
    /// member ask it for names that repeat across the code. Create one per compilation and word list, so documents
    /// whose settings share the list share the memo.
    /// </summary>
    internal sealed class NameMemo<T>
    {
        private readonly ConcurrentDictionary<string, T> results = new ConcurrentDictionary<string, T>(StringComparer.Ordinal);
        private readonly Func<string, T> compute;

        public NameMemo(Func<string, T> compute)
        {
            this.compute = compute;
        }

        public T Get(string name)
        {
            if (!results.TryGetValue(name, out var result))
            {
                result = compute(name);
                results.TryAdd(name, result);
            }

            return result;
        }
    }
}
