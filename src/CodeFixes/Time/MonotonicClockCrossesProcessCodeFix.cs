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
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DistAnalyzers.CodeFixes.Time
{
    /// <summary>
    /// DIST101: a monotonic reading stored or written as a <c>long</c> becomes Unix milliseconds of the wall clock
    /// (<c>DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()</c>, or <c>provider.GetUtcNow()…</c> for a
    /// <c>TimeProvider</c> reading); <c>new DateTime(reading)</c> becomes <c>DateTime.UtcNow</c>. Through a local
    /// whose only use is the store, the local's initializer is replaced. Fix All goes document by document.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MonotonicClockCrossesProcessCodeFix)), Shared]
    public sealed class MonotonicClockCrossesProcessCodeFix : DistCodeFixProvider
    {
        public const string UseWallClockKey = "DIST101_UseWallClock";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MonotonicClockCrossesProcess);

        protected override bool UseBatchFixAll => false;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(MonotonicClockCrossesProcessAnalyzer.FixProperty, out var fix) || fix is null || diagnostic.AdditionalLocations.Count == 0)
                {
                    continue;
                }

                var title = fix == MonotonicClockCrossesProcessAnalyzer.FixUtcNow
                    ? "Send DateTime.UtcNow (a wall-clock instant)"
                    : "Send Unix milliseconds of the wall clock (the value's unit changes)";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), UseWallClockKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        protected override Task<Document?> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken) =>
            ApplyAsync(document, diagnostics, cancellationToken)!;

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var done = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(MonotonicClockCrossesProcessAnalyzer.FixProperty, out var fix) || fix is null || diagnostic.AdditionalLocations.Count == 0)
                {
                    continue;
                }

                if (root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax target || !done.Add(target))
                {
                    continue;
                }

                ExpressionSyntax? replacement = fix switch
                {
                    MonotonicClockCrossesProcessAnalyzer.FixMillis => Parse(TypeNames.Shortest(model, target.SpanStart, "System.DateTimeOffset") + ".UtcNow.ToUnixTimeMilliseconds()"),
                    MonotonicClockCrossesProcessAnalyzer.FixUtcNow => Parse(TypeNames.Shortest(model, target.SpanStart, "System.DateTime") + ".UtcNow"),
                    MonotonicClockCrossesProcessAnalyzer.FixProviderMillis when diagnostic.AdditionalLocations.Count > 1 => ProviderMillis(root, diagnostic.AdditionalLocations[1]),
                    _ => null,
                };
                if (replacement is null)
                {
                    continue;
                }

                editor.ReplaceNode(target, replacement.WithTriviaFrom(target));
                if (diagnostic.Properties.ContainsKey(MonotonicClockCrossesProcessAnalyzer.RemoveLocalProperty) && diagnostic.AdditionalLocations.Count > 1
                    && root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan) is LocalDeclarationStatementSyntax statement && done.Add(statement))
                {
                    editor.RemoveNode(statement, SyntaxRemoveOptions.KeepUnbalancedDirectives);
                }
            }

            return document.WithSyntaxRoot(editor.GetChangedRoot());
        }

        private static ExpressionSyntax Parse(string text) => SyntaxFactory.ParseExpression(text);

        /// <summary><c>provider.GetTimestamp()</c> → <c>provider.GetUtcNow().ToUnixTimeMilliseconds()</c>.</summary>
        private static ExpressionSyntax? ProviderMillis(SyntaxNode root, Location readingLocation)
        {
            if (root.FindNode(readingLocation.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax reading)
            {
                return null;
            }

            ExpressionSyntax getUtcNow = reading.Expression switch
            {
                MemberAccessExpressionSyntax access => access.WithName(SyntaxFactory.IdentifierName("GetUtcNow")).WithoutTrivia(),
                SimpleNameSyntax => SyntaxFactory.IdentifierName("GetUtcNow"),
                _ => null!,
            };
            if (getUtcNow is null)
            {
                return null;
            }

            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.InvocationExpression(getUtcNow),
                    SyntaxFactory.IdentifierName("ToUnixTimeMilliseconds")));
        }
    }
}
