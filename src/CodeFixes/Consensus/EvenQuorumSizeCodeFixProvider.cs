using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
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
    /// <summary>DIST301: change an even cluster size to the odd size above (one more tolerated failure) or below (same tolerance, one machine less).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EvenQuorumSizeCodeFixProvider)), Shared]
    public sealed class EvenQuorumSizeCodeFixProvider : DistCodeFixProvider
    {
        public const string UseOneMoreKey = "DIST301.UseOneMore";
        public const string UseOneLessKey = "DIST301.UseOneLess";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.EvenQuorumSize);

        protected override string? DefaultEquivalenceKey => UseOneMoreKey;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(EvenQuorumSizeAnalyzer.FixableProperty, out var fixable) || fixable != "true"
                    || !diagnostic.Properties.TryGetValue(EvenQuorumSizeAnalyzer.SizeProperty, out var sizeText)
                    || !long.TryParse(sizeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use {n + 1} nodes (tolerates one more failure)",
                        ct => ReplaceAsync(context.Document, diagnostic, n + 1, ct),
                        UseOneMoreKey),
                    diagnostic);
                if (n >= 4)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Use {n - 1} nodes (same fault tolerance, one machine less)",
                            ct => ReplaceAsync(context.Document, diagnostic, n - 1, ct),
                            UseOneLessKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, Diagnostic diagnostic, long value, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node)
            {
                return document;
            }

            var literal = Literal(node, value);
            return document.WithSyntaxRoot(root.ReplaceNode(node, literal.WithTriviaFrom(node)));
        }

        /// <summary>A literal of the new size, keeping the original literal's suffix (<c>4L</c> → <c>5L</c>).</summary>
        private static ExpressionSyntax Literal(ExpressionSyntax original, long value)
        {
            if (original is LiteralExpressionSyntax { Token.Value: long } && value >= 0)
            {
                return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value.ToString(CultureInfo.InvariantCulture) + "L", value));
            }

            if (original is LiteralExpressionSyntax { Token.Value: uint } && value >= 0 && value <= uint.MaxValue)
            {
                return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value.ToString(CultureInfo.InvariantCulture) + "U", (uint)value));
            }

            if (value >= int.MinValue && value <= int.MaxValue)
            {
                return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal((int)value));
            }

            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));
        }
    }
}
