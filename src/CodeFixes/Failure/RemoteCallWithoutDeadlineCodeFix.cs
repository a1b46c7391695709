using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
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
    /// DIST204 fixes (span-local, batch Fix All): a finite <c>HttpClient.Timeout</c>; a finite socket/stream timeout;
    /// a <c>deadline:</c> argument for gRPC overloads that take one; <c>options.WithDeadline(…)</c> for the
    /// <c>(request, CallOptions)</c> overload. The timeout is <c>fix_timeout_seconds</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoteCallWithoutDeadlineCodeFix)), Shared]
    public sealed class RemoteCallWithoutDeadlineCodeFix : DistCodeFixProvider
    {
        /// <summary>One key for every form, so one Fix All (and one <c>dotnet format</c> pass) bounds every call.</summary>
        public const string BoundRemoteCallKey = "DIST204.BoundRemoteCall";

        /// <summary>Fix All without a key (dotnet format, when its first diagnostic has no fix) uses this one.</summary>
        protected override string? DefaultEquivalenceKey => BoundRemoteCallKey;

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RemoteCallWithoutDeadline);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(RemoteCallWithoutDeadlineAnalyzer.FixProperty, out var fix) || fix is null)
                {
                    continue;
                }

                var seconds = 30;
                if (diagnostic.Properties.TryGetValue(RemoteCallWithoutDeadlineAnalyzer.SecondsProperty, out var text)
                    && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
                {
                    seconds = parsed;
                }

                var span = diagnostic.Location.SourceSpan;
                switch (fix)
                {
                    case RemoteCallWithoutDeadlineAnalyzer.FixHttpTimeout:
                    case RemoteCallWithoutDeadlineAnalyzer.FixIntTimeout:
                        if (root.FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax value)
                        {
                            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                            var replacement = fix == RemoteCallWithoutDeadlineAnalyzer.FixHttpTimeout
                                ? SyntaxFactory.ParseExpression($"{TypeText(model, value.SpanStart, "System.TimeSpan", "TimeSpan")}.FromSeconds({seconds})")
                                : SyntaxFactory.ParseExpression(Milliseconds(seconds));
                            context.RegisterCodeFix(
                                CodeAction.Create(
                                    fix == RemoteCallWithoutDeadlineAnalyzer.FixHttpTimeout ? $"Use a {seconds} s timeout" : $"Use a {seconds} s timeout ({Milliseconds(seconds)} ms)",
                                    ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, replacement.WithTriviaFrom(value)))),
                                    BoundRemoteCallKey),
                                diagnostic);
                        }

                        break;
                    case RemoteCallWithoutDeadlineAnalyzer.FixDeadlineArgument:
                    case RemoteCallWithoutDeadlineAnalyzer.FixCallOptions:
                        var invocation = root.FindToken(span.Start).Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>();
                        if (invocation is not null)
                        {
                            var byOptions = fix == RemoteCallWithoutDeadlineAnalyzer.FixCallOptions;
                            context.RegisterCodeFix(
                                CodeAction.Create(
                                    $"Add a {seconds} s deadline",
                                    ct => AddDeadlineAsync(context.Document, invocation, seconds, byOptions, ct),
                                    BoundRemoteCallKey),
                                diagnostic);
                        }

                        break;
                }
            }
        }

        /// <summary>The short name when it binds to the type at <paramref name="position"/>, else the global-qualified name.</summary>
        private static string TypeText(SemanticModel? model, int position, string metadataName, string shortName)
        {
            var type = model?.Compilation.GetTypeByMetadataName(metadataName);
            if (model is not null && type is not null)
            {
                var bound = model.GetSpeculativeSymbolInfo(position, SyntaxFactory.IdentifierName(shortName), SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol;
                if (SymbolEqualityComparer.Default.Equals(bound, type))
                {
                    return shortName;
                }
            }

            return "global::" + metadataName;
        }

        private static string Milliseconds(int seconds)
        {
            var ms = (long)seconds * 1000;
            return ms.ToString("#,0", CultureInfo.InvariantCulture).Replace(",", "_");
        }

        private static async Task<Document> AddDeadlineAsync(Document document, InvocationExpressionSyntax invocation, int seconds, bool byOptions, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
            {
                return document;
            }

            var dateTime = TypeText(model, invocation.SpanStart, "System.DateTime", "DateTime");
            var deadline = SyntaxFactory.ParseExpression($"{dateTime}.UtcNow.AddSeconds({seconds})");
            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter is null || argument.ArgumentKind != ArgumentKind.Explicit || argument.Syntax is not ArgumentSyntax syntax)
                {
                    continue;
                }

                if (byOptions && argument.Parameter.Ordinal == 1)
                {
                    var options = syntax.Expression;
                    ExpressionSyntax receiver = options switch
                    {
                        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } =>
                            SyntaxFactory.ParseExpression($"default({TypeText(model, invocation.SpanStart, "Grpc.Core.CallOptions", "CallOptions")})"),
                        ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or InvocationExpressionSyntax or IdentifierNameSyntax
                            or MemberAccessExpressionSyntax or DefaultExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax => options.WithoutTrivia(),
                        _ => SyntaxFactory.ParenthesizedExpression(options.WithoutTrivia()),
                    };
                    if (receiver is ImplicitObjectCreationExpressionSyntax implicitCreation)
                    {
                        receiver = SyntaxFactory.ParenthesizedExpression(implicitCreation);
                    }

                    var withDeadline = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("WithDeadline")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(deadline))));
                    return document.WithSyntaxRoot(root.ReplaceNode(options, withDeadline.WithTriviaFrom(options)));
                }

                if (!byOptions && argument.Parameter.Name == "deadline")
                {
                    return document.WithSyntaxRoot(root.ReplaceNode(syntax.Expression, deadline.WithTriviaFrom(syntax.Expression)));
                }
            }

            if (byOptions)
            {
                return document;
            }

            var named = SyntaxFactory.ParseArgumentList($"(deadline: {dateTime}.UtcNow.AddSeconds({seconds}))").Arguments[0];
            var list = invocation.ArgumentList.Arguments.GetWithSeparators();
            if (invocation.ArgumentList.Arguments.Count > 0)
            {
                list = list.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            }

            list = list.Add(named);
            var newInvocation = invocation.WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>(list)));
            return document.WithSyntaxRoot(root.ReplaceNode(invocation, newInvocation));
        }
    }
}
