using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace DistAnalyzers.CodeFixes.Time
{
    /// <summary>
    /// Framework type names in fixes: as short as the code at a position allows, or fully qualified names annotated
    /// (<see cref="Simplifier.AddImportsAnnotation"/>, <see cref="Simplifier.Annotation"/>) that
    /// <see cref="AddImportsAndSimplifyAsync"/> turns into a <c>using</c> directive and a short name.
    /// </summary>
    internal static class TypeNames
    {
        /// <summary>Adds the <c>using</c> directives the annotated names need and simplifies them.</summary>
        public static async Task<Document> AddImportsAndSimplifyAsync(Document document, CancellationToken cancellationToken)
        {
            var withImports = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            var simplified = await Simplifier.ReduceAsync(withImports, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(simplified, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

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
