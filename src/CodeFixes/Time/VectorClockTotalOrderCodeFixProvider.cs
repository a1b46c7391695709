using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Time;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace DistAnalyzers.CodeFixes.Time
{
    /// <summary>
    /// DIST104 fix: on a vector clock with dictionary or array storage that has a <c>CompareTo</c>, adds a
    /// <c>CompareCausally</c> partial-order comparison (and its <c>CausalOrder</c> enum) generated from the storage,
    /// and removes the <c>IComparable</c> entries and <c>CompareTo</c> when nothing else uses them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VectorClockTotalOrderCodeFixProvider)), Shared]
    public sealed class VectorClockTotalOrderCodeFixProvider : DistCodeFixProvider
    {
        public const string AddCompareCausallyKey = "DIST104.AddCompareCausally";

        private static readonly string[] LocalNames = { "other", "lessOrEqual", "greaterOrEqual", "entry", "mine", "theirs", "length", "i" };

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.VectorClockTotalOrder);

        protected override bool UseBatchFixAll => false;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.ContainsKey(VectorClockTotalOrderAnalyzer.FixableProperty))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Compare causally (before, after, equal, concurrent) instead of a total order",
                        ct => FixAsync(context.Document, diagnostic, ct),
                        AddCompareCausallyKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        protected override async Task<Document?> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
        {
            var current = document;
            foreach (var diagnostic in diagnostics.Where(d => d.Properties.ContainsKey(VectorClockTotalOrderAnalyzer.FixableProperty)).OrderByDescending(d => d.Location.SourceSpan.Start))
            {
                current = await FixAsync(current, diagnostic, cancellationToken).ConfigureAwait(false);
            }

            return current == document ? null : current;
        }

        private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null
                || !diagnostic.Properties.TryGetValue(VectorClockTotalOrderAnalyzer.StorageProperty, out var storage) || storage is null
                || !diagnostic.Properties.TryGetValue(VectorClockTotalOrderAnalyzer.StorageKindProperty, out var kindText)
                || !Enum.TryParse<ClockStorageKind>(kindText, out var kind) || kind == ClockStorageKind.None)
            {
                return document;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var declaration = node.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (declaration is null || model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type
                || type.GetMembers(VectorClockTotalOrderAnalyzer.CompareCausallyName).Length > 0
                || type.GetMembers(VectorClockTotalOrderAnalyzer.CausalOrderName).Length > 0)
            {
                return document;
            }

            var symbols = KnownSymbols.For(model.Compilation);
            var comparable = symbols.Get("System.IComparable");
            var comparableOfT = symbols.Get("System.IComparable`1");

            // The CompareTo declarations of this type (implicit and explicit implementations).
            var compareTos = new List<(MethodDeclarationSyntax Syntax, IMethodSymbol Symbol)>();
            foreach (var member in declaration.Members.OfType<MethodDeclarationSyntax>())
            {
                if (member.Identifier.ValueText == "CompareTo"
                    && model.GetDeclaredSymbol(member, cancellationToken) is IMethodSymbol { ReturnType.SpecialType: SpecialType.System_Int32 } method)
                {
                    compareTos.Add((member, method));
                }
            }

            if (compareTos.Count == 0)
            {
                return document;
            }

            var entries = new List<BaseTypeSyntax>();
            if (declaration.BaseList is { } baseList)
            {
                foreach (var entry in baseList.Types)
                {
                    if (model.GetTypeInfo(entry.Type, cancellationToken).Type is INamedTypeSymbol entryType
                        && (Same(entryType.OriginalDefinition, comparable) || Same(entryType.OriginalDefinition, comparableOfT)))
                    {
                        entries.Add(entry);
                    }
                }
            }

            var generated = Generate(declaration, type, storage, kind);
            if (generated.Count == 0)
            {
                return document;
            }

            // Keep variant: add CompareCausally after the first CompareTo.
            var anchor = compareTos[0].Syntax;
            var keep = declaration.InsertNodesAfter(anchor, generated);
            var keepDocument = await Finish(document, root.ReplaceNode(declaration, keep), cancellationToken).ConfigureAwait(false);

            if (!await CanRemoveAsync(document, type, compareTos, cancellationToken).ConfigureAwait(false))
            {
                return keepDocument;
            }

            // Remove variant: CompareCausally takes the place of CompareTo; the IComparable entries go.
            var tracked = declaration.TrackNodes(compareTos.Select(c => (SyntaxNode)c.Syntax).Concat(entries));
            var first = tracked.GetCurrentNode(anchor)!;
            var leading = first.GetLeadingTrivia();
            generated = generated.Replace(generated[0], generated[0].WithLeadingTrivia(leading.AddRange(generated[0].GetLeadingTrivia().Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia)))));
            var removed = tracked.ReplaceNode(first, generated);
            foreach (var (syntax, _) in compareTos.Skip(1))
            {
                if (removed.GetCurrentNode(syntax) is { } other)
                {
                    removed = removed.RemoveNode(other, SyntaxRemoveOptions.KeepNoTrivia)!;
                }
            }

            removed = RemoveEntries(removed, entries);
            var removeDocument = await Finish(document, root.ReplaceNode(declaration, removed), cancellationToken).ConfigureAwait(false);

            // Safety net: an implicit use of the interface (a generic constraint, a conversion) would stop compiling.
            return await NewErrorsAsync(document, removeDocument, cancellationToken).ConfigureAwait(false) ? keepDocument : removeDocument;
        }

        private static TypeDeclarationSyntax RemoveEntries(TypeDeclarationSyntax declaration, List<BaseTypeSyntax> entries)
        {
            if (entries.Count == 0 || declaration.BaseList is null)
            {
                return declaration;
            }

            var baseList = declaration.BaseList;
            var current = new List<BaseTypeSyntax>();
            foreach (var entry in entries)
            {
                if (declaration.GetCurrentNode(entry) is { } node)
                {
                    current.Add(node);
                }
            }

            if (current.Count == baseList.Types.Count)
            {
                // Nothing left: drop ": …" and keep the line break that followed it.
                var previous = baseList.GetFirstToken().GetPreviousToken();
                var trailing = baseList.GetLastToken().TrailingTrivia;
                var withoutList = declaration.ReplaceToken(previous, previous.WithTrailingTrivia(trailing));
                return withoutList.WithBaseList(null);
            }

            var types = baseList.Types;
            var lastTrailing = types.Last().GetTrailingTrivia();
            var indices = new List<int>();
            foreach (var node in current)
            {
                var index = types.IndexOf(node);
                if (index >= 0)
                {
                    indices.Add(index);
                }
            }

            indices.Sort();
            for (var i = indices.Count - 1; i >= 0; i--)
            {
                types = types.RemoveAt(indices[i]);
            }

            types = types.Replace(types.Last(), types.Last().WithTrailingTrivia(lastTrailing));
            return declaration.WithBaseList(baseList.WithTypes(types));
        }

        private static async Task<Document> Finish(Document document, SyntaxNode root, CancellationToken cancellationToken)
        {
            var changed = document.WithSyntaxRoot(root);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Whether the IComparable entries and CompareTo can go: no reference to CompareTo outside its own declarations
        /// (SymbolFinder), and no sort-key use of the type anywhere in the solution.
        /// </summary>
        private static async Task<bool> CanRemoveAsync(Document document, INamedTypeSymbol type, List<(MethodDeclarationSyntax Syntax, IMethodSymbol Symbol)> compareTos, CancellationToken cancellationToken)
        {
            var solution = document.Project.Solution;
            foreach (var (syntax, symbol) in compareTos)
            {
                var references = await SymbolFinder.FindReferencesAsync(symbol, solution, cancellationToken).ConfigureAwait(false);
                foreach (var referenced in references)
                {
                    if (!compareTos.Any(c => SymbolEqualityComparer.Default.Equals(c.Symbol, referenced.Definition)))
                    {
                        // Cascaded definitions (the interface method, int.CompareTo…) are not this type's CompareTo.
                        continue;
                    }

                    foreach (var location in referenced.Locations)
                    {
                        if (location.Document.Id != document.Id || !compareTos.Any(c => c.Syntax.Span.Contains(location.Location.SourceSpan)))
                        {
                            return false;
                        }
                    }
                }
            }

            foreach (var project in solution.Projects)
            {
                foreach (var candidate in project.Documents)
                {
                    if (await HasSortKeyUseAsync(candidate, type, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static async Task<bool> HasSortKeyUseAsync(Document document, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return false;
            }

            SemanticModel? model = null;
            foreach (var node in root.DescendantNodes())
            {
                string? name = node switch
                {
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.Identifier.ValueText,
                    InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } => simple.Identifier.ValueText,
                    GenericNameSyntax generic => generic.Identifier.ValueText,
                    _ => null,
                };
                if (name is not ("OrderBy" or "OrderByDescending" or "Max" or "Min" or "Sort" or "SortedSet" or "SortedDictionary"))
                {
                    continue;
                }

                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null)
                {
                    return false;
                }

                var symbols = KnownSymbols.For(model.Compilation);
                if (node is GenericNameSyntax genericName)
                {
                    if (model.GetSymbolInfo(genericName, cancellationToken).Symbol is INamedTypeSymbol { TypeArguments.Length: > 0 } collection
                        && (Same(collection.OriginalDefinition, symbols.Get("System.Collections.Generic.SortedSet`1"))
                            || Same(collection.OriginalDefinition, symbols.Get("System.Collections.Generic.SortedDictionary`2")))
                        && SymbolEqualityComparer.Default.Equals(collection.TypeArguments[0].OriginalDefinition, type))
                    {
                        return true;
                    }

                    continue;
                }

                if (model.GetOperation(node, cancellationToken) is IInvocationOperation invocation
                    && VectorClockTotalOrderAnalyzer.SortKeyUse(invocation, symbols.Get("System.Linq.Enumerable"), symbols.Get("System.Collections.Generic.List`1"), symbols.Get("System.Array")) is { } use
                    && SymbolEqualityComparer.Default.Equals(use.Key.OriginalDefinition, type))
                {
                    return true;
                }
            }

            return false;
        }

        private static async Task<bool> NewErrorsAsync(Document before, Document after, CancellationToken cancellationToken)
        {
            var beforeCompilation = await before.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var afterCompilation = await after.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (beforeCompilation is null || afterCompilation is null)
            {
                return true;
            }

            return Errors(afterCompilation, cancellationToken) > Errors(beforeCompilation, cancellationToken);
        }

        private static int Errors(Compilation compilation, CancellationToken cancellationToken)
        {
            var count = 0;
            foreach (var d in compilation.GetDiagnostics(cancellationToken))
            {
                if (d.Severity == DiagnosticSeverity.Error)
                {
                    count++;
                }
            }

            return count;
        }

        private static bool Same(INamedTypeSymbol? a, INamedTypeSymbol? b) => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a, b);

        /// <summary>The CompareCausally method and the CausalOrder enum, formatted by the document's options.</summary>
        private static SyntaxList<MemberDeclarationSyntax> Generate(TypeDeclarationSyntax declaration, INamedTypeSymbol type, string storage, ClockStorageKind kind)
        {
            var self = declaration.Identifier.ValueText + (declaration.TypeParameterList?.ToString() ?? string.Empty);
            var field = Array.IndexOf(LocalNames, storage) >= 0 ? "this." + storage : storage;
            var text = new StringBuilder();
            text.Append("public CausalOrder CompareCausally(").Append(self).Append(" other)\n{\n");
            if (type.IsReferenceType)
            {
                text.Append("if (other is null) throw new System.ArgumentNullException(nameof(other));\n");
            }

            text.Append("// Element-wise <= in both directions: neither dominating means concurrent.\n");
            text.Append("var lessOrEqual = true;\nvar greaterOrEqual = true;\n");
            if (kind == ClockStorageKind.Dictionary)
            {
                text.Append("foreach (var entry in ").Append(field).Append(")\n{\n");
                text.Append("other.").Append(storage).Append(".TryGetValue(entry.Key, out var theirs);\n");
                text.Append("if (entry.Value < theirs) greaterOrEqual = false;\nif (entry.Value > theirs) lessOrEqual = false;\n}\n");
                text.Append("foreach (var entry in other.").Append(storage).Append(")\n{\n");
                text.Append(field).Append(".TryGetValue(entry.Key, out var mine);\n");
                text.Append("if (mine < entry.Value) greaterOrEqual = false;\nif (mine > entry.Value) lessOrEqual = false;\n}\n");
            }
            else
            {
                text.Append("var length = System.Math.Max(").Append(field).Append(".Length, other.").Append(storage).Append(".Length);\n");
                text.Append("for (var i = 0; i < length; i++)\n{\n");
                text.Append("var mine = i < ").Append(field).Append(".Length ? ").Append(field).Append("[i] : 0;\n");
                text.Append("var theirs = i < other.").Append(storage).Append(".Length ? other.").Append(storage).Append("[i] : 0;\n");
                text.Append("if (mine < theirs) greaterOrEqual = false;\nif (mine > theirs) lessOrEqual = false;\n}\n");
            }

            text.Append("if (lessOrEqual && greaterOrEqual) return CausalOrder.Equal;\n");
            text.Append("if (lessOrEqual) return CausalOrder.Before;\n");
            text.Append("if (greaterOrEqual) return CausalOrder.After;\n");
            text.Append("return CausalOrder.Concurrent;\n}\n");

            var eol = declaration.SyntaxTree.GetText().ToString().Contains("\r\n") ? "\r\n" : "\n";
            var method = SyntaxFactory.ParseMemberDeclaration(text.ToString().Replace("\n", eol));
            var enumeration = SyntaxFactory.ParseMemberDeclaration("public enum CausalOrder { Before, After, Equal, Concurrent }" + eol);
            if (method is null || enumeration is null || method.ContainsDiagnostics || enumeration.ContainsDiagnostics)
            {
                return default;
            }

            var blankLine = SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(eol));
            method = method.WithLeadingTrivia(blankLine).WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
            enumeration = enumeration.WithLeadingTrivia(blankLine).WithAdditionalAnnotations(Formatter.Annotation);
            return SyntaxFactory.List(new[] { method, enumeration });
        }
    }
}
