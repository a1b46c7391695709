using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Keys compared as objects: for caches keyed by a symbol or an options object, where two objects for one thing
    /// only cost a second computation, and hashing by identity is cheaper than a symbol's or a string's own hash.
    /// </summary>
    internal sealed class SameReference<T> : IEqualityComparer<T>
        where T : class
    {
        public static readonly SameReference<T> Instance = new SameReference<T>();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
