using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace DistAnalyzers.Failure
{
    /// <summary>
    /// DIST202 fix: raise the timeout to <c>max(r × interval, minimum_timeout_ms)</c>, keeping its form (a literal in
    /// its unit, <c>TimeSpan.FromMilliseconds/FromSeconds/FromMinutes(literal)</c>). Offered only when the value at the
    /// reported location is such a literal, and a constant paired at a use site has no other reference.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AggressiveFailureDetectorTimeoutCodeFix)), Shared]
    public sealed class AggressiveFailureDetectorTimeoutCodeFix : DistCodeFixProvider
    {
        public const string RaiseTimeoutKey = "DIST202.RaiseTimeout";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AggressiveFailureDetectorTimeout);

        protected override bool UseBatchFixAll => false;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var replacement = await ReplacementAsync(context.Document, root, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (replacement is null)
                {
                    continue;
                }

                var (literal, text) = replacement.Value;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Raise the timeout to {text}",
                        ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, NewLiteral(literal, text)))),
                        RaiseTimeoutKey),
                    diagnostic);
            }
        }

        protected override async Task<Document?> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return null;
            }

            var map = new Dictionary<LiteralExpressionSyntax, string>();
            foreach (var diagnostic in diagnostics)
            {
                if (await ReplacementAsync(document, root, diagnostic, cancellationToken).ConfigureAwait(false) is { } replacement)
                {
                    map[replacement.Literal] = replacement.Text;
                }
            }

            if (map.Count == 0)
            {
                return null;
            }

            return document.WithSyntaxRoot(root.ReplaceNodes(map.Keys, (original, _) => NewLiteral(original, map[original])));
        }

        private static SyntaxNode NewLiteral(LiteralExpressionSyntax literal, string text) =>
            SyntaxFactory.ParseExpression(text).WithTriviaFrom(literal);

        private static async Task<(LiteralExpressionSyntax Literal, string Text)?> ReplacementAsync(Document document, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(AggressiveFailureDetectorTimeoutAnalyzer.NewValueProperty, out var text) || string.IsNullOrEmpty(text))
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is ArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            var literal = node switch
            {
                LiteralExpressionSyntax l => l,
                InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } args } => args[0].Expression as LiteralExpressionSyntax,
                _ => null,
            };
            if (literal is null)
            {
                return null;
            }

            if (diagnostic.Properties.ContainsKey(AggressiveFailureDetectorTimeoutAnalyzer.CheckReferencesProperty))
            {
                var declarator = node.FirstAncestorOrSelf<VariableDeclaratorSyntax>();
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (declarator is null || model?.GetDeclaredSymbol(declarator, cancellationToken) is not { } field)
                {
                    return null;
                }

                var references = await SymbolFinder.FindReferencesAsync(field, document.Project.Solution, cancellationToken).ConfigureAwait(false);
                var count = references.Sum(r => r.Locations.Count());
                if (count > 1)
                {
                    return null;
                }
            }

            return (literal, text!);
        }
    }
}
