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
                symbol = MemberOfDeclaredType(model, declaration, symbols, cancellationToken) ?? model.GetDeclaredSymbol(declaration, cancellationToken);
                symbols.TryAdd(declaration, symbol);
            }

            return symbol;
        }

        /// <summary>
        /// The method or property <paramref name="declaration"/> declares, found among its type's members of that name by
        /// its name's location (what <see cref="SemanticModel.GetDeclaredSymbol(SyntaxNode, CancellationToken)"/> does),
        /// with the type's symbol taken from the table: the model works the type's symbol out again from its declaration
        /// for every member it is asked about, half of its cost (<c>GetDeclaredNamedType</c> in <c>perf</c>). Null when
        /// the declaration is of another kind, names an interface it implements explicitly, or no member of the type is
        /// declared at that name (a partial method's implementation part: the type lists its definition part): the
        /// model's own answer is taken then.
        /// </summary>
        private static ISymbol? MemberOfDeclaredType(
            SemanticModel model, SyntaxNode declaration, ConcurrentDictionary<SyntaxNode, ISymbol?> symbols, CancellationToken cancellationToken)
        {
            SyntaxToken identifier;
            switch (declaration)
            {
                case MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method:
                    identifier = method.Identifier;
                    break;
                case PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property:
                    identifier = property.Identifier;
                    break;
                default:
                    return null;
            }

            if (declaration.Parent is not TypeDeclarationSyntax typeDeclaration)
            {
                return null;
            }

            if (!symbols.TryGetValue(typeDeclaration, out var type))
            {
                type = model.GetDeclaredSymbol(typeDeclaration, cancellationToken);
                symbols.TryAdd(typeDeclaration, type);
            }

            if (type is not INamedTypeSymbol named)
            {
                return null;
            }

            var tree = declaration.SyntaxTree;
            var span = identifier.Span;
            foreach (var member in named.GetMembers(identifier.ValueText))
            {
                foreach (var location in member.Locations)
                {
                    if (location.SourceSpan == span && location.SourceTree == tree)
                    {
                        return member.Kind is SymbolKind.Method or SymbolKind.Property ? member : null;
                    }
                }
            }

            return null;
        }

        /// <summary>The type <paramref name="declaration"/> declares.</summary>
        public static INamedTypeSymbol? Of(SemanticModel model, BaseTypeDeclarationSyntax declaration, CancellationToken cancellationToken) =>
            Of(model, (SyntaxNode)declaration, cancellationToken) as INamedTypeSymbol;

        /// <summary>The method <paramref name="declaration"/> declares.</summary>
        public static IMethodSymbol? Of(SemanticModel model, BaseMethodDeclarationSyntax declaration, CancellationToken cancellationToken) =>
            Of(model, (SyntaxNode)declaration, cancellationToken) as IMethodSymbol;
    }
}
