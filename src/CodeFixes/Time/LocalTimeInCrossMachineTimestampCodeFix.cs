using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Time;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.CodeFixes.Time
{
    /// <summary>DIST106: <c>DateTime.Now</c> → <c>DateTime.UtcNow</c>, <c>DateTime.Today</c> → <c>DateTime.UtcNow.Date</c> (span-local: batch Fix All).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LocalTimeInCrossMachineTimestampCodeFix)), Shared]
    public sealed class LocalTimeInCrossMachineTimestampCodeFix : DistCodeFixProvider
    {
        public const string UseUtcNowKey = "DIST106_UseUtcNow";

        /// <summary>Fix All without a key (dotnet format, when its first diagnostic has no fix) uses this one.</summary>
        protected override string? DefaultEquivalenceKey => UseUtcNowKey;

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LocalTimeInCrossMachineTimestamp);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.ContainsKey(LocalTimeInCrossMachineTimestampAnalyzer.FixableProperty))
                {
                    continue;
                }

                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node is not ExpressionSyntax expression || Replacement(expression) is null)
                {
                    continue;
                }

                var title = Name(expression) == "Today" ? "Use DateTime.UtcNow.Date" : "Use DateTime.UtcNow";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixAsync(context.Document, diagnostic.Location.SourceSpan, ct), UseUtcNowKey),
                    diagnostic);
            }
        }

        private static async Task<Document> FixAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax expression || Replacement(expression) is not { } replacement)
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(expression, replacement.WithTriviaFrom(expression)));
        }

        private static string? Name(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };

        private static ExpressionSyntax? Replacement(ExpressionSyntax expression)
        {
            var utcNow = SyntaxFactory.IdentifierName("UtcNow");
            switch (expression)
            {
                case MemberAccessExpressionSyntax access when access.Name.Identifier.ValueText == "Now":
                    return access.WithName(utcNow.WithTriviaFrom(access.Name));
                case MemberAccessExpressionSyntax access when access.Name.Identifier.ValueText == "Today":
                    return SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        access.WithName(utcNow),
                        SyntaxFactory.IdentifierName("Date"));
                case IdentifierNameSyntax { Identifier.ValueText: "Now" } identifier:
                    return utcNow.WithTriviaFrom(identifier);
                case IdentifierNameSyntax { Identifier.ValueText: "Today" }:
                    return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, utcNow, SyntaxFactory.IdentifierName("Date"));
                default:
                    return null;
            }
        }
    }
}
