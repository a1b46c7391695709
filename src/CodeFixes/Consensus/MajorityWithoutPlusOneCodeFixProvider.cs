using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Consensus;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.CodeFixes.Consensus
{
    /// <summary>DIST302: rewrite a half to <c>n / 2 + 1</c>, and <c>votes &gt;= n / 2</c> to <c>votes &gt; n / 2</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MajorityWithoutPlusOneCodeFixProvider)), Shared]
    public sealed class MajorityWithoutPlusOneCodeFixProvider : DistCodeFixProvider
    {
        /// <summary>
        /// One key for both forms: they are the same repair (require a majority), so Fix All and
        /// <c>dotnet format</c>, which apply one equivalence key per rule, repair both in one pass.
        /// </summary>
        public const string UseMajorityKey = "DIST302.UseMajority";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MajorityWithoutPlusOne);

        protected override string? DefaultEquivalenceKey => UseMajorityKey;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(MajorityWithoutPlusOneAnalyzer.FormProperty, out var form) || !Nodes(root, diagnostic, out _, out _))
                {
                    continue;
                }

                var vote = form == MajorityWithoutPlusOneAnalyzer.VoteForm;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        vote ? "Require more than half the votes (> n / 2)" : "Use a majority (n / 2 + 1)",
                        ct => FixAsync(context.Document, diagnostic, vote, ct),
                        UseMajorityKey),
                    diagnostic);
            }
        }

        private static bool Nodes(SyntaxNode root, Diagnostic diagnostic, out ExpressionSyntax flagged, out ExpressionSyntax n)
        {
            flagged = null!;
            n = null!;
            var extra = diagnostic.AdditionalLocations;
            if (extra.Count == 0 || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node)
            {
                return false;
            }

            if (root.FindNode(extra[extra.Count - 1].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax nNode)
            {
                return false;
            }

            flagged = node;
            n = nNode;
            return true;
        }

        private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, bool vote, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || !Nodes(root, diagnostic, out var flagged, out var n))
            {
                return document;
            }

            var nExpr = Operand(n);
            var half = SyntaxFactory.BinaryExpression(SyntaxKind.DivideExpression, nExpr, Two());
            ExpressionSyntax replacement;
            if (vote)
            {
                if (flagged is not BinaryExpressionSyntax comparison)
                {
                    return document;
                }

                replacement = SyntaxFactory.BinaryExpression(
                    SyntaxKind.GreaterThanExpression,
                    comparison.Left.WithoutTrivia(),
                    half)
                    .WithOperatorToken(SyntaxFactory.Token(SyntaxKind.GreaterThanToken).WithTriviaFrom(comparison.OperatorToken));
                replacement = Spaced(replacement);
            }
            else
            {
                replacement = SyntaxFactory.BinaryExpression(
                    SyntaxKind.AddExpression,
                    half,
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)));
                replacement = Spaced(replacement);
                if (diagnostic.Properties.TryGetValue(MajorityWithoutPlusOneAnalyzer.CastProperty, out var cast) && !string.IsNullOrEmpty(cast))
                {
                    replacement = SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName(cast!), SyntaxFactory.ParenthesizedExpression(replacement));
                }

                if (flagged.Parent is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or CastExpressionSyntax or MemberAccessExpressionSyntax)
                {
                    replacement = SyntaxFactory.ParenthesizedExpression(replacement);
                }
            }

            return document.WithSyntaxRoot(root.ReplaceNode(flagged, replacement.WithTriviaFrom(flagged)));
        }

        private static ExpressionSyntax Two() => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(2));

        /// <summary>n as an operand of <c>/</c>: parenthesized unless it is a primary expression.</summary>
        private static ExpressionSyntax Operand(ExpressionSyntax n)
        {
            var clean = n.WithoutTrivia();
            return clean is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
                or LiteralExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax
                ? clean
                : SyntaxFactory.ParenthesizedExpression(clean);
        }

        /// <summary>Normal spacing around the operators of a generated expression.</summary>
        private static ExpressionSyntax Spaced(ExpressionSyntax expression) =>
            (ExpressionSyntax)new Spacer().Visit(expression);

        private sealed class Spacer : CSharpSyntaxRewriter
        {
            public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
            {
                var visited = (BinaryExpressionSyntax)base.VisitBinaryExpression(node)!;
                return visited
                    .WithLeft(visited.Left.WithoutTrailingTrivia())
                    .WithOperatorToken(visited.OperatorToken.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithRight(visited.Right.WithoutLeadingTrivia());
            }
        }
    }
}
