using Microsoft.CodeAnalysis;

namespace DistAnalyzers.CodeFixes.Time
{
    /// <summary>Writes a framework type's name as short as the code at a position allows (<c>Stopwatch</c> under <c>using System.Diagnostics;</c>, else fully qualified).</summary>
    internal static class TypeNames
    {
        public static string Shortest(SemanticModel? model, int position, string metadataName)
        {
            var dot = metadataName.LastIndexOf('.');
            var simple = dot < 0 ? metadataName : metadataName.Substring(dot + 1);
            if (model is null)
            {
                return "global::" + metadataName;
            }

            var expected = model.Compilation.GetTypeByMetadataName(metadataName);
            if (expected is null)
            {
                return "global::" + metadataName;
            }

            var found = model.LookupNamespacesAndTypes(position, name: simple);
            if (found.Length == 1 && SymbolEqualityComparer.Default.Equals(found[0], expected))
            {
                return simple;
            }

            var qualified = model.LookupNamespacesAndTypes(position, name: "System");
            return qualified.Length == 1 && qualified[0] is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true } ? metadataName : "global::" + metadataName;
        }
    }
}
