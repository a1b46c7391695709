using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>Namespace tests by name, without building a display string (a few µs and an allocation each).</summary>
    internal static class Namespaces
    {
        /// <summary>Whether <paramref name="ns"/> is the namespace named <paramref name="dotted"/> (<c>System.Threading</c>; empty: the global namespace).</summary>
        public static bool Is(INamespaceSymbol? ns, string dotted)
        {
            if (ns is null)
            {
                return false;
            }

            // The segments are compared from the last one up, as the containing namespaces are reached.
            var end = dotted.Length;
            for (var current = ns; !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                if (end <= 0)
                {
                    return false; // more namespaces than segments
                }

                var start = dotted.LastIndexOf('.', end - 1) + 1;
                var name = current.Name;
                if (name.Length != end - start || string.CompareOrdinal(name, 0, dotted, start, name.Length) != 0)
                {
                    return false;
                }

                end = start - 1;
                if (current.ContainingNamespace is null)
                {
                    return false;
                }
            }

            return dotted.Length == 0 || end == -1;
        }
    }
}
