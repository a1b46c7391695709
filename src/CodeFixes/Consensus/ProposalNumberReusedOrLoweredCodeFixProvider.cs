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
using Microsoft.CodeAnalysis.Simplification;

namespace DistAnalyzers.CodeFixes.Consensus
{
    /// <summary>
    /// DIST303: a statement-form decrement of a round number becomes <c>x++</c>; of a ballot number,
    /// <c>x = Math.Max(x, highest) + 1</c> when a highest-seen ballot is in scope. No fix for decrements inside an
    /// expression, in types that build numbers as <c>k * N + id</c>, or for reused numbers.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ProposalNumberReusedOrLoweredCodeFixProvider)), Shared]
    public sealed class ProposalNumberReusedOrLoweredCodeFixProvider : DistCodeFixProvider
    {
        /// <summary>The fix's equivalence key (both forms: <c>x++</c> and <c>x = Math.Max(x, h) + 1</c>).</summary>
        public const string RaiseNumberKey = "DIST303.RaiseNumber";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ProposalNumberReusedOrLowered);

        protected override bool UseBatchFixAll => false;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var replacement = Replacement(document, root, model, diagnostic, context.CancellationToken);
                if (replacement is null)
                {
                    continue;
                }

                var (oldNode, newNode, title) = replacement.Value;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        ct => ApplyAsync(document, root, new[] { (oldNode, newNode) }, ct),
                        RaiseNumberKey),
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

            var edits = new List<(SyntaxNode, SyntaxNode)>();
            var seen = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (Replacement(document, root, model, diagnostic, cancellationToken) is { } r && seen.Add(r.OldNode))
                {
                    edits.Add((r.OldNode, r.NewNode));
                }
            }

            return edits.Count == 0 ? null : await ApplyAsync(document, root, edits, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<Document> ApplyAsync(Document document, SyntaxNode root, IReadOnlyList<(SyntaxNode Old, SyntaxNode New)> edits, CancellationToken cancellationToken)
        {
            var map = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var (oldNode, newNode) in edits)
            {
                map[oldNode] = newNode;
            }

            var newRoot = root.ReplaceNodes(map.Keys, (original, _) => map[original]);
            var result = document.WithSyntaxRoot(newRoot);
            result = await Simplifier.ReduceAsync(result, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(result, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        private static (SyntaxNode OldNode, SyntaxNode NewNode, string Title)? Replacement(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.Location.SourceTree != root.SyntaxTree
                || !diagnostic.Properties.TryGetValue(ProposalNumberReusedOrLoweredAnalyzer.FormProperty, out var form)
                || form != ProposalNumberReusedOrLoweredAnalyzer.DecrementForm
                || !diagnostic.Properties.TryGetValue(ProposalNumberReusedOrLoweredAnalyzer.KindProperty, out var kind))
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is not ExpressionSyntax expression || expression.Parent is not ExpressionStatementSyntax)
            {
                return null;
            }

            var target = expression switch
            {
                PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                PrefixUnaryExpressionSyntax prefix => prefix.Operand,
                AssignmentExpressionSyntax assignment => assignment.Left,
                _ => null,
            };
            if (target is null || BuildsNumbersFromNodeId(model, expression, cancellationToken))
            {
                return null;
            }

            var bareTarget = target.WithoutTrivia();
            if (kind == ProposalNumberReusedOrLoweredAnalyzer.RoundKind)
            {
                var increment = SyntaxFactory.PostfixUnaryExpression(SyntaxKind.PostIncrementExpression, bareTarget)
                    .WithTriviaFrom(expression);
                return (expression, increment, $"Increment '{bareTarget}' instead");
            }

            if (kind != ProposalNumberReusedOrLoweredAnalyzer.BallotKind)
            {
                return null;
            }

            var highest = HighestSeen(document, model, expression, target, cancellationToken);
            if (highest is null)
            {
                return null;
            }

            var max = SyntaxFactory.ParseExpression("global::System.Math.Max").WithAdditionalAnnotations(Simplifier.Annotation);
            var call = SyntaxFactory.InvocationExpression(
                max,
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(bareTarget),
                    SyntaxFactory.Argument(highest),
                })));
            var raised = SyntaxFactory.BinaryExpression(
                SyntaxKind.AddExpression,
                call,
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)));
            var assignmentNode = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, bareTarget, raised)
                .NormalizeWhitespace()
                .WithTriviaFrom(expression)
                .WithAdditionalAnnotations(Formatter.Annotation);
            return (expression, assignmentNode, $"Raise '{bareTarget}' above '{highest}'");
        }

        /// <summary>The highest-seen ballot in scope (a local, parameter, field or property carrying a highest and a ballot word), as an expression.</summary>
        private static ExpressionSyntax? HighestSeen(Document document, SemanticModel model, ExpressionSyntax decrement, ExpressionSyntax target, CancellationToken cancellationToken)
        {
            var targetType = model.GetTypeInfo(target, cancellationToken).Type;
            if (targetType is null || !IsFixableIntegerType(targetType.SpecialType))
            {
                return null;
            }

            var targetSymbol = model.GetSymbolInfo(target, cancellationToken).Symbol;
            var reader = new OptionReader(document.Project.AnalyzerOptions, decrement.SyntaxTree, DiagnosticIds.ProposalNumberReusedOrLowered);
            var highestWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.HighestWords);
            var ballotWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.BallotWords);
            var position = decrement.SpanStart;
            var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
            var staticContext = IsStaticContext(enclosing);

            ISymbol? best = null;
            var bestRank = int.MaxValue;
            foreach (var symbol in CandidatesInScope(model, decrement, position, enclosing, cancellationToken))
            {
                ITypeSymbol? type;
                int rank;
                switch (symbol)
                {
                    case ILocalSymbol local:
                        type = local.Type;
                        rank = 0;
                        if (!DeclaredBefore(local, position))
                        {
                            continue;
                        }

                        break;
                    case IParameterSymbol parameter:
                        type = parameter.Type;
                        rank = 1;
                        break;
                    case IFieldSymbol field:
                        type = field.Type;
                        rank = 2;
                        if (staticContext && !field.IsStatic)
                        {
                            continue;
                        }

                        break;
                    case IPropertySymbol property when !property.IsIndexer && property.GetMethod is not null:
                        type = property.Type;
                        rank = 2;
                        if (staticContext && !property.IsStatic)
                        {
                            continue;
                        }

                        break;
                    default:
                        continue;
                }

                if (rank >= bestRank || SymbolEqualityComparer.Default.Equals(symbol, targetSymbol) || type is null || !Visible(model, position, symbol))
                {
                    continue;
                }

                var words = Words.Split(symbol.Name);
                if (!highestWords.Matches(words, WordMatch.Carries) || !ballotWords.Matches(words, WordMatch.Carries))
                {
                    continue;
                }

                var conversion = model.Compilation.ClassifyConversion(type, targetType);
                if (!conversion.Exists || !conversion.IsImplicit || !IsInteger(type.SpecialType))
                {
                    continue;
                }

                best = symbol;
                bestRank = rank;
            }

            return best is null ? null : SyntaxFactory.IdentifierName(best.Name);
        }

        /// <summary>
        /// Locals declared earlier in the enclosing blocks, parameters of the enclosing functions, and the fields and
        /// properties of the enclosing type and its base types (cheaper than looking up every symbol in scope).
        /// </summary>
        private static IEnumerable<ISymbol> CandidatesInScope(SemanticModel model, SyntaxNode node, int position, ISymbol? enclosing, CancellationToken cancellationToken)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case BlockSyntax block:
                        foreach (var statement in block.Statements)
                        {
                            if (statement.Span.End <= position && statement is LocalDeclarationStatementSyntax declaration)
                            {
                                foreach (var variable in declaration.Declaration.Variables)
                                {
                                    if (model.GetDeclaredSymbol(variable, cancellationToken) is { } local)
                                    {
                                        yield return local;
                                    }
                                }
                            }
                        }

                        break;
                    case BaseMethodDeclarationSyntax method:
                        foreach (var parameter in method.ParameterList.Parameters)
                        {
                            if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol)
                            {
                                yield return symbol;
                            }
                        }

                        break;
                    case LocalFunctionStatementSyntax function:
                        foreach (var parameter in function.ParameterList.Parameters)
                        {
                            if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol)
                            {
                                yield return symbol;
                            }
                        }

                        break;
                    case ParenthesizedLambdaExpressionSyntax lambda:
                        foreach (var parameter in lambda.ParameterList.Parameters)
                        {
                            if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol)
                            {
                                yield return symbol;
                            }
                        }

                        break;
                    case SimpleLambdaExpressionSyntax simple:
                        if (model.GetDeclaredSymbol(simple.Parameter, cancellationToken) is { } single)
                        {
                            yield return single;
                        }

                        break;
                }

                if (ancestor is TypeDeclarationSyntax)
                {
                    break;
                }
            }

            for (var type = enclosing?.ContainingType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IFieldSymbol || member is IPropertySymbol)
                    {
                        yield return member;
                    }
                }
            }
        }

        /// <summary>Whether the simple name of <paramref name="symbol"/> binds to it at <paramref name="position"/> (not hidden, accessible).</summary>
        private static bool Visible(SemanticModel model, int position, ISymbol symbol)
        {
            foreach (var found in model.LookupSymbols(position, name: symbol.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(found, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsStaticContext(ISymbol? enclosing)
        {
            for (var s = enclosing; s is not null; s = s.ContainingSymbol)
            {
                if (s is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                {
                    continue;
                }

                if (s is IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol)
                {
                    return s.IsStatic;
                }

                if (s is INamedTypeSymbol)
                {
                    return false;
                }
            }

            return false;
        }

        private static bool DeclaredBefore(ILocalSymbol local, int position)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.Span.End <= position)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsFixableIntegerType(SpecialType type) =>
            type == SpecialType.System_Int32 || type == SpecialType.System_Int64 || type == SpecialType.System_UInt32 || type == SpecialType.System_UInt64;

        private static bool IsInteger(SpecialType type) => type switch
        {
            SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 => true,
            _ => false,
        };

        /// <summary>Whether the enclosing type (any partial declaration) builds numbers as <c>k * N + id</c>: there <c>x + 1</c> would break uniqueness.</summary>
        private static bool BuildsNumbersFromNodeId(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            var typeDeclaration = node.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (typeDeclaration is null)
            {
                return false;
            }

            var type = model.GetDeclaredSymbol(typeDeclaration, cancellationToken);
            var declarations = type is null
                ? (IEnumerable<SyntaxNode>)new[] { typeDeclaration }
                : Declarations(type, cancellationToken);
            foreach (var declaration in declarations)
            {
                foreach (var n in declaration.DescendantNodes())
                {
                    if (n is BinaryExpressionSyntax add && add.IsKind(SyntaxKind.AddExpression)
                        && ((IsMultiplication(add.Left) && !IsLiteral(add.Right)) || (IsMultiplication(add.Right) && !IsLiteral(add.Left))))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static IEnumerable<SyntaxNode> Declarations(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                yield return reference.GetSyntax(cancellationToken);
            }
        }

        private static ExpressionSyntax Strip(ExpressionSyntax e)
        {
            for (var i = 0; i < 16; i++)
            {
                switch (e)
                {
                    case ParenthesizedExpressionSyntax p:
                        e = p.Expression;
                        continue;
                    case CastExpressionSyntax c:
                        e = c.Expression;
                        continue;
                    case CheckedExpressionSyntax k:
                        e = k.Expression;
                        continue;
                }

                break;
            }

            return e;
        }

        private static bool IsMultiplication(ExpressionSyntax e) => Strip(e).IsKind(SyntaxKind.MultiplyExpression);

        private static bool IsLiteral(ExpressionSyntax e) => Strip(e) is LiteralExpressionSyntax;
    }
}
