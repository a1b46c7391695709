using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Consensus;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DistAnalyzers.CodeFixes.Consensus
{
    /// <summary>
    /// DIST306, first form: hoists the id generation (<c>Guid.NewGuid()</c>, <c>Interlocked.Increment(ref …)</c>,
    /// <c>random.Next(…)</c>) into a local declared just above the retry loop (or above the <c>Execute*</c> call of a
    /// retry policy), so every attempt sends the same id. The retried-call form has no fix. The fix inserts
    /// declarations before shared statements, so Fix All works document by document.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NonIdempotentRetryCodeFixProvider)), Shared]
    public sealed class NonIdempotentRetryCodeFixProvider : DistCodeFixProvider
    {
        public const string HoistKey = "DIST306.HoistIdAboveRetry";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NonIdempotentRetry);

        protected override bool UseBatchFixAll => false;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.ContainsKey(NonIdempotentRetryAnalyzer.AnchorProperty))
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Create the id once, before the retry",
                        async ct => await HoistAsync(document, ImmutableArray.Create(diagnostic), ct).ConfigureAwait(false) ?? document,
                        HoistKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        protected override Task<Document?> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken) =>
            HoistAsync(document, diagnostics, cancellationToken);

        private static async Task<Document?> HoistAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return null;
            }

            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var used = new HashSet<string>(System.StringComparer.Ordinal);
            var changed = false;
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (!diagnostic.Properties.TryGetValue(NonIdempotentRetryAnalyzer.AnchorProperty, out var anchorKind)
                    || !diagnostic.Properties.TryGetValue(NonIdempotentRetryAnalyzer.AnchorStartProperty, out var anchorText)
                    || !int.TryParse(anchorText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var anchorStart)
                    || anchorStart < 0 || anchorStart >= root.FullSpan.End)
                {
                    continue;
                }

                var nameToken = root.FindToken(diagnostic.Location.SourceSpan.Start);
                var generation = nameToken.Parent?.AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
                    .FirstOrDefault(i => i.Expression.Span.Contains(nameToken.Span));
                var statement = AnchorStatement(root, anchorStart, anchorKind);
                if (generation is null || statement?.Parent is not BlockSyntax)
                {
                    continue;
                }

                diagnostic.Properties.TryGetValue(NonIdempotentRetryAnalyzer.NameProperty, out var suggested);
                var name = UniqueName(model, statement, Camel(suggested), used);
                used.Add(name);

                var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
                var newline = statement.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                var declaration = SyntaxFactory.ParseStatement($"var {name} = {generation.WithoutTrivia().ToFullString()};")
                    .WithLeadingTrivia(indentation.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(indentation) : SyntaxFactory.TriviaList())
                    .WithTrailingTrivia(newline.IsKind(SyntaxKind.EndOfLineTrivia) ? newline : SyntaxFactory.EndOfLine("\n"));

                editor.InsertBefore(statement, declaration);
                editor.ReplaceNode(generation, SyntaxFactory.IdentifierName(name).WithTriviaFrom(generation));
                changed = true;
            }

            return changed ? document.WithSyntaxRoot(editor.GetChangedRoot()) : null;
        }

        private static StatementSyntax? AnchorStatement(SyntaxNode root, int anchorStart, string? anchorKind)
        {
            var token = root.FindToken(anchorStart);
            foreach (var node in token.Parent?.AncestorsAndSelf() ?? Enumerable.Empty<SyntaxNode>())
            {
                if (anchorKind == NonIdempotentRetryAnalyzer.AnchorLoop)
                {
                    if (node is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax && node.SpanStart == anchorStart)
                    {
                        return (StatementSyntax)node;
                    }
                }
                else if (node is StatementSyntax statement)
                {
                    return statement;
                }

                if (node is MemberDeclarationSyntax)
                {
                    break;
                }
            }

            return null;
        }

        private static string Camel(string? suggested)
        {
            var words = Words.Split(suggested);
            if (words.Count == 0)
            {
                return "id";
            }

            var builder = new StringBuilder();
            for (var i = 0; i < words.Count; i++)
            {
                var word = words[i];
                builder.Append(i == 0 ? word.ToLowerInvariant() : char.ToUpperInvariant(word[0]) + word.Substring(1).ToLowerInvariant());
            }

            var name = builder.ToString();
            return char.IsDigit(name[0]) ? "id" + name : name;
        }

        /// <summary>A name that no symbol in scope and no local, parameter or designation of the enclosing member already uses.</summary>
        private static string UniqueName(SemanticModel model, StatementSyntax anchor, string baseName, HashSet<string> used)
        {
            var taken = new HashSet<string>(used, System.StringComparer.Ordinal);
            foreach (var symbol in model.LookupSymbols(anchor.SpanStart))
            {
                taken.Add(symbol.Name);
            }

            var member = anchor.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode)anchor;
            foreach (var node in member.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator:
                        taken.Add(declarator.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        taken.Add(designation.Identifier.ValueText);
                        break;
                    case ParameterSyntax parameter:
                        taken.Add(parameter.Identifier.ValueText);
                        break;
                    case ForEachStatementSyntax forEach:
                        taken.Add(forEach.Identifier.ValueText);
                        break;
                    case CatchDeclarationSyntax catchDeclaration:
                        taken.Add(catchDeclaration.Identifier.ValueText);
                        break;
                    case LocalFunctionStatementSyntax localFunction:
                        taken.Add(localFunction.Identifier.ValueText);
                        break;
                }
            }

            var name = SyntaxFacts.GetKeywordKind(baseName) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(baseName) != SyntaxKind.None
                ? baseName + "Value"
                : baseName;
            var candidate = name;
            for (var i = 2; taken.Contains(candidate); i++)
            {
                candidate = name + i.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
