using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Time;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using A = DistAnalyzers.Time.WallClockForElapsedTimeAnalyzer;

namespace DistAnalyzers.CodeFixes.Time
{
    /// <summary>
    /// DIST105: the wall-clock start becomes <c>Stopwatch.GetTimestamp()</c> and each difference
    /// <c>Stopwatch.GetElapsedTime(start)</c> (or <c>Stopwatch.StartNew()</c>/<c>.Elapsed</c> before .NET 7); a
    /// <c>*Now</c> deadline loop measures its wait with <c>Stopwatch</c>; a widened or checked
    /// <c>Environment.TickCount</c> subtraction moves to <c>TickCount64</c>. The analyzer decides where a fix
    /// applies and lists every edit (all uses of the start variable at once) as codes and spans in the diagnostic's
    /// properties; Fix All goes document by document.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WallClockForElapsedTimeCodeFix)), Shared]
    public sealed class WallClockForElapsedTimeCodeFix : DistCodeFixProvider
    {
        public const string UseMonotonicClockKey = "DIST105_UseMonotonicClock";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WallClockForElapsedTime);

        protected override bool UseBatchFixAll => false;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (Codes(diagnostic) is not { } codes)
                {
                    continue;
                }

                var title = codes.Contains(A.EditTickCount64) ? "Use Environment.TickCount64"
                    : codes.Contains(A.EditStartNew) ? "Measure with a Stopwatch"
                    : "Measure with Stopwatch.GetTimestamp() and GetElapsedTime";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), UseMonotonicClockKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        protected override Task<Document?> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken) =>
            ApplyAsync(document, diagnostics, cancellationToken)!;

        private static string[]? Codes(Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(A.EditsProperty, out var text) || string.IsNullOrEmpty(text)
                || !diagnostic.Properties.TryGetValue(A.SpansProperty, out var spans) || string.IsNullOrEmpty(spans))
            {
                return null;
            }

            var codes = text!.Split(',');
            return codes.Length == Count(spans!, ',') + 1 ? codes : null;
        }

        private static int Count(string text, char c)
        {
            var count = 0;
            foreach (var ch in text)
            {
                count += ch == c ? 1 : 0;
            }

            return count;
        }

        /// <summary>The nodes the edits apply to, from <c>start+length</c> spans in the diagnostic's tree; null when one does not parse or lies outside <paramref name="root"/>.</summary>
        private static SyntaxNode[]? Nodes(Diagnostic diagnostic, SyntaxNode root, int count)
        {
            if (diagnostic.Location.SourceTree != root.SyntaxTree || !diagnostic.Properties.TryGetValue(A.SpansProperty, out var text) || text is null)
            {
                return null;
            }

            var spans = text.Split(',');
            if (spans.Length != count)
            {
                return null;
            }

            var nodes = new SyntaxNode[count];
            for (var i = 0; i < count; i++)
            {
                var plus = spans[i].IndexOf('+');
                if (plus <= 0
                    || !int.TryParse(spans[i].Substring(0, plus), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                    || !int.TryParse(spans[i].Substring(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                    || start > root.FullSpan.End - length)
                {
                    return null;
                }

                nodes[i] = root.FindNode(new TextSpan(start, length), getInnermostNodeForTie: true);
            }

            return nodes;
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var edits = new Dictionary<SyntaxNode, List<string>>();
            var durations = new Dictionary<SyntaxNode, ExpressionSyntax>();
            var names = new Dictionary<SyntaxNode, string>();
            var statementNames = new Dictionary<TextSpan, string>();
            var takenByMember = new Dictionary<SyntaxNode, HashSet<string>>();
            foreach (var diagnostic in diagnostics)
            {
                if (Codes(diagnostic) is not { } codes)
                {
                    continue;
                }

                if (Nodes(diagnostic, root, codes.Length) is not { } nodes)
                {
                    continue;
                }

                // Deadline form: a fresh name for the start timestamp and the duration, shared by the group's comparisons.
                string? name = null;
                ExpressionSyntax? duration = null;
                for (var i = 0; i < codes.Length; i++)
                {
                    if (codes[i] == A.EditDeadlineStatement)
                    {
                        if (!statementNames.TryGetValue(nodes[i].Span, out name))
                        {
                            name = FreshName(nodes[i], takenByMember);
                            statementNames[nodes[i].Span] = name;
                        }

                        names[nodes[i]] = name;
                    }
                    else if (codes[i].StartsWith(A.EditDurationPrefix, StringComparison.Ordinal) && nodes[i] is ExpressionSyntax expression)
                    {
                        duration = Duration(expression, codes[i].Substring(A.EditDurationPrefix.Length));
                    }
                }

                for (var i = 0; i < codes.Length; i++)
                {
                    var code = codes[i];
                    if (code.StartsWith(A.EditDurationPrefix, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (code == A.EditDeadlineNow)
                    {
                        if (name is null)
                        {
                            continue;
                        }

                        names[nodes[i]] = name;
                    }
                    else if (code == A.EditDeadlineOperand)
                    {
                        if (duration is null)
                        {
                            continue;
                        }

                        durations[nodes[i]] = duration;
                    }

                    if (!edits.TryGetValue(nodes[i], out var list))
                    {
                        list = new List<string>(1);
                        edits[nodes[i]] = list;
                    }

                    if (!list.Contains(code))
                    {
                        list.Add(code);
                    }
                }
            }

            if (edits.Count == 0)
            {
                return document;
            }

            const string stopwatch = "System.Diagnostics.Stopwatch";
            const string environment = "System.Environment";
            var newRoot = root.ReplaceNodes(edits.Keys, (original, rewritten) =>
            {
                var current = rewritten;
                foreach (var code in edits[original])
                {
                    current = Apply(code, original, current, stopwatch, environment, names, durations) ?? current;
                }

                return current;
            });
            return await TypeNames.AddImportsAndSimplifyAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        }

        private static SyntaxNode? Apply(string code, SyntaxNode original, SyntaxNode node, string stopwatch, string environment, Dictionary<SyntaxNode, string> names, Dictionary<SyntaxNode, ExpressionSyntax> durations)
        {
            SyntaxNode? result = code switch
            {
                A.EditGetTimestamp => Parse(stopwatch + ".GetTimestamp()"),
                A.EditStartNew => Parse(stopwatch + ".StartNew()"),
                A.EditGetElapsedTime => Subtrahend(node) is { } start ? Call(stopwatch + ".GetElapsedTime", start) : null,
                A.EditElapsed => Subtrahend(node) is { } start ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Primary(start), SyntaxFactory.IdentifierName("Elapsed")) : null,
                A.EditRetypeLong => SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.LongKeyword)),
                A.EditRetypeStopwatch => SyntaxFactory.ParseTypeName(stopwatch).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation),
                A.EditDeadlineStatement when names.TryGetValue(original, out var name) => SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.LongKeyword)),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name)).WithInitializer(
                        SyntaxFactory.EqualsValueClause(Parse(stopwatch + ".GetTimestamp()")))))).NormalizeWhitespace(),
                A.EditDeadlineNow when names.TryGetValue(original, out var name) => Call(stopwatch + ".GetElapsedTime", SyntaxFactory.IdentifierName(name)),
                A.EditDeadlineOperand when durations.TryGetValue(original, out var duration) => duration,
                A.EditTickCount64 => Parse(environment + ".TickCount64"),
                A.EditDropCast when node is CastExpressionSyntax cast => cast.Expression,
                A.EditCastToInt when node is ExpressionSyntax expression => SyntaxFactory.CastExpression(
                    SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.IntKeyword)),
                    expression.WithoutTrivia() is var bare && bare is CheckedExpressionSyntax or ParenthesizedExpressionSyntax ? bare : SyntaxFactory.ParenthesizedExpression(bare)),
                _ => null,
            };
            return result?.WithTriviaFrom(node);
        }

        private static ExpressionSyntax? Subtrahend(SyntaxNode difference) => difference switch
        {
            BinaryExpressionSyntax binary => binary.Right.WithoutTrivia(),
            InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation => invocation.ArgumentList.Arguments[0].Expression.WithoutTrivia(),
            _ => null,
        };

        /// <summary>Parses <c>Type.Member…</c> with the type part annotated for adding its <c>using</c> and shortening.</summary>
        private static ExpressionSyntax Parse(string text)
        {
            var expression = SyntaxFactory.ParseExpression(text);
            var typeNode = expression.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().FirstOrDefault();
            return typeNode is null ? expression : expression.ReplaceNode(typeNode.Expression, typeNode.Expression.WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation));
        }

        private static ExpressionSyntax Call(string method, ExpressionSyntax argument) =>
            SyntaxFactory.InvocationExpression(Parse(method), SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));

        private static ExpressionSyntax Primary(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ThisExpressionSyntax or ParenthesizedExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);

        /// <summary>The wait's duration: <c>t</c> of <c>*Now + t</c>, or <c>TimeSpan.FromX(x)</c> for <c>*Now.AddX(x)</c>.</summary>
        private static ExpressionSyntax Duration(ExpressionSyntax expression, string kind)
        {
            var bare = expression.WithoutTrivia();
            if (kind == "Plus")
            {
                return bare is BinaryExpressionSyntax or ConditionalExpressionSyntax or AssignmentExpressionSyntax or CastExpressionSyntax
                    ? SyntaxFactory.ParenthesizedExpression(bare)
                    : bare;
            }

            return Call("System.TimeSpan.From" + kind, bare);
        }

        /// <summary><c>start</c>, or <c>start2</c>, <c>start3</c>… when the name already appears in the member, or in the file for top-level statements (or was given to another deadline there).</summary>
        private static string FreshName(SyntaxNode statement, Dictionary<SyntaxNode, HashSet<string>> takenByMember)
        {
            // Top-level statements share one scope: a global statement is a member declaration, but its neighbours'
            // locals are in scope too, so the whole file is read.
            var member = statement.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax && a is not GlobalStatementSyntax) ?? statement.SyntaxTree.GetRoot();
            if (!takenByMember.TryGetValue(member, out var taken))
            {
                taken = new HashSet<string>(StringComparer.Ordinal);
                foreach (var token in member.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        taken.Add(token.ValueText);
                    }
                }

                takenByMember[member] = taken;
            }

            var name = "start";
            for (var i = 2; taken.Contains(name); i++)
            {
                name = "start" + i;
            }

            taken.Add(name);
            return name;
        }
    }
}
