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
    /// the diagnostic's properties. Span-local: Fix All uses the batch fixer.
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

                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax duration)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Randomize the election timeout in [T, 2T)",
                        ct => RandomizeAsync(context.Document, duration, form, ct),
                        RandomizeKey),
                    diagnostic);
            }
        }

        private static async Task<Document> RandomizeAsync(Document document, ExpressionSyntax duration, string form, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

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
            ExpressionSyntax result = replacement;
            if (NeedsParentheses(duration))
            {
                result = SyntaxFactory.ParenthesizedExpression(replacement.WithoutTrivia()).WithTriviaFrom(duration);
            }

            return document.WithSyntaxRoot(root.ReplaceNode(duration, result));
        }

        private static bool NeedsParentheses(ExpressionSyntax duration) =>
            duration.Parent is not (ArgumentSyntax or EqualsValueClauseSyntax or AssignmentExpressionSyntax or ParenthesizedExpressionSyntax);
    }
}
