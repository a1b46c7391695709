using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// <see cref="SemanticModel.GetDeclaredSymbol(SyntaxNode, CancellationToken)"/>, remembered per declaration node for
    /// one compilation and shared by every rule: the rules that walk a file's members each ask for the symbol of each
    /// member they walk (the containing symbol an operation action would get) and of each type they judge, and the
    /// look-up of a member's symbol (its type's members of that name, matched to their syntax) costs microseconds
    /// where a dictionary costs tens of nanoseconds. A declaration that declares nothing is remembered as null.
    /// </summary>
    internal static class DeclaredSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxNode, ISymbol?>> Tables =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxNode, ISymbol?>>();

        /// <summary>
        /// A table sized for a few declarations per file (at most 4,096 buckets: an IDE analyses a few open files of a
        /// large solution): made at the default size (31 buckets), it grew again and again in every benchmark pass
        /// (<c>GrowTable</c> under <see cref="Of(SemanticModel, SyntaxNode, CancellationToken)"/> in <c>perf</c>).
        /// </summary>
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxNode, ISymbol?>>.CreateValueCallback NewTable =
            compilation => new ConcurrentDictionary<SyntaxNode, ISymbol?>(
                concurrencyLevel: 4,
                capacity: System.Math.Min(4096, 8 * System.Linq.Enumerable.Count(compilation.SyntaxTrees)),
                SameReference<SyntaxNode>.Instance);

        /// <summary>The symbol <paramref name="declaration"/> declares (as <c>model.GetDeclaredSymbol</c>).</summary>
        public static ISymbol? Of(SemanticModel model, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            // Held by the compilation only (no static field keeps a compilation alive).
            var symbols = Tables.GetValue(model.Compilation, NewTable);
            if (!symbols.TryGetValue(declaration, out var symbol))
            {
                symbol = model.GetDeclaredSymbol(declaration, cancellationToken);
                symbols.TryAdd(declaration, symbol);
            }

            return symbol;
        }

        /// <summary>The type <paramref name="declaration"/> declares.</summary>
        public static INamedTypeSymbol? Of(SemanticModel model, BaseTypeDeclarationSyntax declaration, CancellationToken cancellationToken) =>
            Of(model, (SyntaxNode)declaration, cancellationToken) as INamedTypeSymbol;

        /// <summary>The method <paramref name="declaration"/> declares.</summary>
        public static IMethodSymbol? Of(SemanticModel model, BaseMethodDeclarationSyntax declaration, CancellationToken cancellationToken) =>
            Of(model, (SyntaxNode)declaration, cancellationToken) as IMethodSymbol;
    }
}
