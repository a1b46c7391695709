using System.Collections.Generic;
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

namespace DistAnalyzers.CodeFixes.Time
{
    /// <summary>
    /// DIST102 fix, offered only where the compared type has exactly one integer version member and the comparison
    /// already has a tie-breaker: the wall-clock stamp is replaced by that logical version on both sides, in every
    /// comparison of the pair (the tie-breaker stays).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LastWriteWinsByWallClockCodeFixProvider)), Shared]
    public sealed class LastWriteWinsByWallClockCodeFixProvider : DistCodeFixProvider
    {
        public const string UseVersionKey = "DIST102.UseLogicalVersion";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LastWriteWinsByWallClock);

        protected override bool UseBatchFixAll => false;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(LastWriteWinsByWallClockAnalyzer.VersionMemberProperty, out var version) || version is null
                    || diagnostic.AdditionalLocations.Count == 0)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Order by the logical version '{version}' instead of the wall-clock stamp",
                        ct => ApplyAsync(context.Document, new[] { diagnostic }, ct),
                        UseVersionKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        protected override async Task<Document?> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
        {
            var changed = await ApplyAsync(document, diagnostics, cancellationToken).ConfigureAwait(false);
            return changed == document ? null : changed;
        }

        private static async Task<Document> ApplyAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var replacements = new Dictionary<SyntaxToken, string>();
            foreach (var diagnostic in diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(LastWriteWinsByWallClockAnalyzer.VersionMemberProperty, out var version) || version is null)
                {
                    continue;
                }

                foreach (var location in diagnostic.AdditionalLocations)
                {
                    if (location.SourceTree != root.SyntaxTree)
                    {
                        continue;
                    }

                    var token = root.FindToken(location.SourceSpan.Start);
                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span == location.SourceSpan)
                    {
                        replacements[token] = version;
                    }
                }
            }

            if (replacements.Count == 0)
            {
                return document;
            }

            var newRoot = root.ReplaceTokens(
                replacements.Keys,
                (original, _) => SyntaxFactory.Identifier(original.LeadingTrivia, replacements[original], original.TrailingTrivia));
            return document.WithSyntaxRoot(newRoot);
        }
    }
}
