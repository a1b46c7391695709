using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Failure
{
    /// <summary>
    /// DIST201 fix (call form only): call the receiver's suspicion method (<c>suspect_method_words</c>) with the same
    /// arguments instead of the method that declares the peer dead. Offered only when such a method binds.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConnectionErrorAsPeerDeathCodeFix)), Shared]
    public sealed class ConnectionErrorAsPeerDeathCodeFix : DistCodeFixProvider
    {
        public const string CallSuspicionMethodKey = "DIST201.CallSuspicionMethod";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConnectionErrorAsPeerDeath);

        protected override bool UseBatchFixAll => false;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var replacement = Replacement(context.Document, root, model, diagnostic, context.CancellationToken);
                if (replacement is null)
                {
                    continue;
                }

                var (token, name) = replacement.Value;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Record a suspicion: call '{name}' instead",
                        ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceToken(token, NewToken(token, name)))),
                        CallSuspicionMethodKey),
                    diagnostic);
            }
        }

        protected override async Task<Document?> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return null;
            }

            var map = new Dictionary<SyntaxToken, string>();
            foreach (var diagnostic in diagnostics)
            {
                if (Replacement(document, root, model, diagnostic, cancellationToken) is { } replacement)
                {
                    map[replacement.Token] = replacement.Name;
                }
            }

            if (map.Count == 0)
            {
                return null;
            }

            return document.WithSyntaxRoot(root.ReplaceTokens(map.Keys, (original, _) => NewToken(original, map[original])));
        }

        private static SyntaxToken NewToken(SyntaxToken token, string name) => SyntaxFactory.Identifier(name).WithTriviaFrom(token);

        private static (SyntaxToken Token, string Name)? Replacement(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(ConnectionErrorAsPeerDeathAnalyzer.FormProperty, out var form)
                || form != ConnectionErrorAsPeerDeathAnalyzer.FormCall)
            {
                return null;
            }

            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            if (token.Parent is not SimpleNameSyntax name || name.Parent is null)
            {
                return null;
            }

            InvocationExpressionSyntax? invocation = null;
            for (SyntaxNode? node = name; node is not null; node = node.Parent)
            {
                if (node is InvocationExpressionSyntax found)
                {
                    invocation = found;
                    break;
                }
            }

            if (invocation is null || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
            {
                return null;
            }

            var receiverType = operation.Instance?.Type ?? model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken)?.ContainingType;
            if (receiverType is null)
            {
                return null;
            }

            var tree = invocation.SyntaxTree;
            var words = new OptionReader(document.Project.AnalyzerOptions, tree, DiagnosticIds.ConnectionErrorAsPeerDeath)
                .Get(ConnectionErrorAsPeerDeathAnalyzer.SuspectMethodWords);
            var tried = new HashSet<string>();
            for (var type = receiverType; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } candidate
                        || !tried.Add(candidate.Name)
                        || !words.Matches(candidate.Name, WordMatch.Carries))
                    {
                        continue;
                    }

                    var renamed = invocation.ReplaceToken(name.Identifier, SyntaxFactory.Identifier(candidate.Name));
                    var info = model.GetSpeculativeSymbolInfo(invocation.SpanStart, renamed, SpeculativeBindingOption.BindAsExpression);
                    if (info.Symbol is IMethodSymbol bound && bound.Name == candidate.Name)
                    {
                        return (name.Identifier, candidate.Name);
                    }
                }
            }

            return null;
        }
    }
}
