using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Formatting;

namespace DistAnalyzers.CodeFixes.Consensus
{
    /// <summary>
    /// DIST305: makes a one-shot election timer uniform in [T, 2T): <c>d + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)d.TotalMilliseconds))</c>,
    /// <c>d + Random.Shared.Next(0, d)</c> or <c>d + Random.Shared.NextInt64(0, d)</c>. The analyzer decides where the fix
    /// applies (one-shot timers, a simple reference, and <c>Random.Shared</c>/<c>NextInt64</c> resolving) and says so in
    /// the diagnostic's properties. The edits are span-local; Fix All applies them document by document (see
    /// <see cref="RandomizeAllAsync"/> for why not through the batch fixer).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ElectionTimeoutNotRandomizedCodeFixProvider)), Shared]
    public sealed class ElectionTimeoutNotRandomizedCodeFixProvider : DistCodeFixProvider
    {
        public const string RandomizeKey = "DIST305.RandomizeElectionTimeout";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ElectionTimeoutNotRandomized);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(ElectionTimeoutNotRandomizedAnalyzer.FixProperty, out var form) || form is null)
                {
                    continue;
                }

                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Randomize the election timeout in [T, 2T)",
                        ct => RandomizeAsync(document, diagnostic, ct),
                        RandomizeKey),
                    diagnostic);
            }
        }

        protected override bool UseBatchFixAll => false;

        protected override Task<Document?> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken) =>
            RandomizeAllAsync(document, diagnostics, cancellationToken);

        private static async Task<Document> RandomizeAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            await RandomizeAllAsync(document, ImmutableArray.Create(diagnostic), cancellationToken).ConfigureAwait(false) ?? document;

        /// <summary>
        /// Rewrites every fixable diagnostic of the document at once. The edits are span-local and never overlap;
        /// Fix All works per document (not through the batch fixer) so that it does not depend on the equivalence
        /// key of whichever diagnostic a caller looks at first: <c>dotnet format</c> takes the key from one
        /// diagnostic, and a periodic timer (no fix) would otherwise leave every fixable one unfixed.
        /// </summary>
        private static async Task<Document?> RandomizeAllAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return null;
            }

            var replacements = new Dictionary<ExpressionSyntax, ExpressionSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(ElectionTimeoutNotRandomizedAnalyzer.FixProperty, out var form) || form is null
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax duration
                    || replacements.ContainsKey(duration))
                {
                    continue;
                }

                replacements[duration] = Randomized(model, duration, form);
            }

            if (replacements.Count == 0)
            {
                return null;
            }

            return document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
        }

        private static ExpressionSyntax Randomized(SemanticModel model, ExpressionSyntax duration, string form)
        {
            var random = FrameworkTypeName.Of(model, duration.SpanStart, "System", "Random");
            var d = duration.WithoutTrivia().ToString();
            var text = form switch
            {
                ElectionTimeoutNotRandomizedAnalyzer.FixTimeSpan =>
                    $"{d} + {FrameworkTypeName.Of(model, duration.SpanStart, "System", "TimeSpan")}.FromMilliseconds({random}.Shared.Next(0, (int){d}.TotalMilliseconds))",
                ElectionTimeoutNotRandomizedAnalyzer.FixInt64 => $"{d} + {random}.Shared.NextInt64(0, {d})",
                _ => $"{d} + {random}.Shared.Next(0, {d})",
            };
            var replacement = SyntaxFactory.ParseExpression(text)
                .WithTriviaFrom(duration)
                .WithAdditionalAnnotations(Formatter.Annotation);
            return NeedsParentheses(duration)
                ? SyntaxFactory.ParenthesizedExpression(replacement.WithoutTrivia()).WithTriviaFrom(duration)
                : replacement;
        }

        private static bool NeedsParentheses(ExpressionSyntax duration) =>
            duration.Parent is not (ArgumentSyntax or EqualsValueClauseSyntax or AssignmentExpressionSyntax or ParenthesizedExpressionSyntax);
    }
}
