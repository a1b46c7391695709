using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>How to write a framework type's name at a position so that it binds to that type.</summary>
    public static class FrameworkTypeName
    {
        /// <summary>
        /// The shortest of <c>Name</c>, <c>Namespace.Name</c> and <c>global::Namespace.Name</c> that binds, at
        /// <paramref name="position"/>, to the type <c>Namespace.Name</c> (a user type or member called
        /// <c>Random</c> in scope keeps the qualification).
        /// </summary>
        public static string Of(SemanticModel model, int position, string ns, string name)
        {
            var full = ns + "." + name;
            var expected = model.Compilation.GetTypeByMetadataName(full);
            if (expected is null)
            {
                return "global::" + full;
            }

            var simple = model.LookupSymbols(position, name: name);
            if (simple.Length == 1 && SymbolEqualityComparer.Default.Equals(simple[0], expected))
            {
                return name;
            }

            var first = ns.Split('.')[0];
            var root = model.LookupSymbols(position, name: first);
            if (root.Length == 1 && root[0] is INamespaceSymbol rootNamespace && rootNamespace.ContainingNamespace is { IsGlobalNamespace: true })
            {
                return full;
            }

            return "global::" + full;
        }
    }
}
