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

namespace DistAnalyzers.CodeFixes.Consensus
{
    /// <summary>
    /// DIST304: appends the Raft §5.4.1 election restriction to the <c>if</c> that grants the vote:
    /// <c>&amp;&amp; (req.LastLogTerm &gt; LastLogTerm || (req.LastLogTerm == LastLogTerm &amp;&amp; req.LastLogIndex &gt;= LastLogIndex))</c>.
    /// Only when the grant sits in the then-branch of an <c>if</c> that holds all its side effects, the handler's
    /// type has its own last log term and index, and the request has both (as members or parameters).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VoteWithoutLogCheckCodeFixProvider)), Shared]
    public sealed class VoteWithoutLogCheckCodeFixProvider : DistCodeFixProvider
    {
        public const string AddUpToDateCheckKey = "DIST304.AddLogUpToDateCheck";

        private const string Title = "Grant only if the candidate's log is at least as up to date (Raft §5.4.1)";
        private static readonly WordList TermWord = WordList.Parse("Term");
        private static readonly WordList IndexWord = WordList.Parse("Index");
        private static readonly WordList VotedWords = WordList.Parse("Voted");

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.VoteWithoutLogCheck);

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
                if (Plan(document, root, model, diagnostic, context.CancellationToken) is { } plan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, _ => Task.FromResult(document.WithSyntaxRoot(Apply(root, new[] { plan }))), AddUpToDateCheckKey),
                        diagnostic);
                }
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

            var plans = new List<(IfStatementSyntax, ExpressionSyntax)>();
            var seen = new HashSet<IfStatementSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                if (Plan(document, root, model, diagnostic, cancellationToken) is { } plan && seen.Add(plan.If))
                {
                    plans.Add(plan);
                }
            }

            return plans.Count == 0 ? null : document.WithSyntaxRoot(Apply(root, plans));
        }

        private static SyntaxNode Apply(SyntaxNode root, IReadOnlyList<(IfStatementSyntax If, ExpressionSyntax Condition)> plans)
        {
            var map = new Dictionary<SyntaxNode, ExpressionSyntax>();
            foreach (var (ifStatement, condition) in plans)
            {
                map[ifStatement.Condition] = condition;
            }

            return root.ReplaceNodes(map.Keys, (original, _) => map[original]);
        }

        /// <summary>The <c>if</c> to guard and its new condition, or null when the fix does not apply.</summary>
        private static (IfStatementSyntax If, ExpressionSyntax Condition)? Plan(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.Location.SourceTree != root.SyntaxTree
                || !diagnostic.Properties.TryGetValue(VoteWithoutLogCheckAnalyzer.FormProperty, out var form)
                || form != VoteWithoutLogCheckAnalyzer.GrantForm)
            {
                return null;
            }

            var literal = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var statement = literal.FirstAncestorOrSelf<StatementSyntax>();
            var ifStatement = EnclosingIf(statement);
            var methodSyntax = literal.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (ifStatement is null || methodSyntax is null || !methodSyntax.Span.Contains(ifStatement.Span))
            {
                return null;
            }

            if (model.GetDeclaredSymbol(methodSyntax, cancellationToken) is not IMethodSymbol method || method.ContainingType is not { } handlerType)
            {
                return null;
            }

            if (HasVoteSideEffectOutside(model, methodSyntax, ifStatement, cancellationToken))
            {
                return null;
            }

            var reader = new OptionReader(document.Project.AnalyzerOptions, root.SyntaxTree, DiagnosticIds.VoteWithoutLogCheck);
            var lastLogWords = reader.Get(VoteWithoutLogCheckAnalyzer.LastLogWords);

            // The handler's own last log term and index.
            var ownTerm = FindMember(handlerType, lastLogWords, TermWord, method.IsStatic);
            var ownIndex = FindMember(handlerType, lastLogWords, IndexWord, method.IsStatic);
            if (ownTerm is null || ownIndex is null)
            {
                return null;
            }

            // The request's: plain parameters, or members of a request parameter.
            if (!FindRequest(method, lastLogWords, out var requestTerm, out var requestIndex, out var requestTermType, out var requestIndexType))
            {
                return null;
            }

            if (!Comparable(requestTermType, MemberType(ownTerm)) || !Comparable(requestIndexType, MemberType(ownIndex)))
            {
                return null;
            }

            var position = ifStatement.SpanStart;
            var ownTermText = Reference(model, position, ownTerm, handlerType);
            var ownIndexText = Reference(model, position, ownIndex, handlerType);
            var guard = SyntaxFactory.ParseExpression(
                $"({requestTerm} > {ownTermText} || ({requestTerm} == {ownTermText} && {requestIndex} >= {ownIndexText}))");
            if (guard.ContainsDiagnostics)
            {
                return null;
            }

            var condition = ifStatement.Condition;
            var left = NeedsParentheses(condition)
                ? SyntaxFactory.ParenthesizedExpression(condition.WithoutTrivia())
                : condition.WithoutTrivia();
            var combined = SyntaxFactory.BinaryExpression(
                    SyntaxKind.LogicalAndExpression,
                    left.WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.Token(SyntaxKind.AmpersandAmpersandToken).WithTrailingTrivia(SyntaxFactory.Space),
                    guard)
                .WithLeadingTrivia(condition.GetLeadingTrivia())
                .WithTrailingTrivia(condition.GetTrailingTrivia());
            return (ifStatement, combined);
        }

        /// <summary>The <c>if</c> whose then-branch is the grant's statement or a block holding it directly.</summary>
        private static IfStatementSyntax? EnclosingIf(StatementSyntax? statement)
        {
            if (statement is null)
            {
                return null;
            }

            if (statement.Parent is IfStatementSyntax direct && direct.Statement == statement)
            {
                return direct;
            }

            if (statement.Parent is BlockSyntax block && block.Parent is IfStatementSyntax ifStatement && ifStatement.Statement == block)
            {
                return ifStatement;
            }

            return null;
        }

        /// <summary>
        /// Whether the vote is recorded outside the <c>if</c> (an assignment of a non-null value to a member named
        /// with <c>Voted</c>, such as <c>votedFor = req.CandidateId</c>): the guard would then leave that side effect unguarded.
        /// </summary>
        private static bool HasVoteSideEffectOutside(SemanticModel model, MethodDeclarationSyntax method, IfStatementSyntax ifStatement, CancellationToken cancellationToken)
        {
            foreach (var node in method.DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax assignment
                    && !ifStatement.Statement.Span.Contains(assignment.Span)
                    && !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression)
                    && !assignment.Right.IsKind(SyntaxKind.DefaultLiteralExpression)
                    && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { } target
                    && (target is IFieldSymbol || target is IPropertySymbol)
                    && VotedWords.CarriedBy(target.Name))
                {
                    return true;
                }
            }

            return false;
        }

        private static ISymbol? FindMember(INamedTypeSymbol type, WordList lastLogWords, WordList which, bool staticContext)
        {
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if ((member is IFieldSymbol || member is IPropertySymbol { IsIndexer: false, GetMethod: not null })
                        && (!staticContext || member.IsStatic)
                        && !member.IsImplicitlyDeclared
                        && lastLogWords.CarriedBy(member.Name)
                        && which.CarriedBy(member.Name)
                        && IsInteger(MemberType(member)))
                    {
                        return member;
                    }
                }
            }

            return null;
        }

        private static bool FindRequest(IMethodSymbol method, WordList lastLogWords, out string term, out string index, out ITypeSymbol? termType, out ITypeSymbol? indexType)
        {
            term = index = string.Empty;
            termType = indexType = null;

            // Plain parameters (int lastLogIndex, int lastLogTerm).
            IParameterSymbol? termParameter = null;
            IParameterSymbol? indexParameter = null;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.Out || !lastLogWords.CarriedBy(parameter.Name) || !IsInteger(parameter.Type))
                {
                    continue;
                }

                if (termParameter is null && TermWord.CarriedBy(parameter.Name))
                {
                    termParameter = parameter;
                }
                else if (indexParameter is null && IndexWord.CarriedBy(parameter.Name))
                {
                    indexParameter = parameter;
                }
            }

            if (termParameter is not null && indexParameter is not null)
            {
                term = Escape(termParameter.Name);
                index = Escape(indexParameter.Name);
                termType = termParameter.Type;
                indexType = indexParameter.Type;
                return true;
            }

            // A request parameter with both members.
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.Out || parameter.Type is not INamedTypeSymbol requestType || requestType.SpecialType != SpecialType.None)
                {
                    continue;
                }

                var termMember = FindMember(requestType, lastLogWords, TermWord, staticContext: false);
                var indexMember = FindMember(requestType, lastLogWords, IndexWord, staticContext: false);
                if (termMember is not null && indexMember is not null)
                {
                    term = Escape(parameter.Name) + "." + Escape(termMember.Name);
                    index = Escape(parameter.Name) + "." + Escape(indexMember.Name);
                    termType = MemberType(termMember);
                    indexType = MemberType(indexMember);
                    return true;
                }
            }

            return false;
        }

        /// <summary>How to name an own member at <paramref name="position"/>: its simple name, or <c>this.</c>/<c>Type.</c> when something else hides it.</summary>
        private static string Reference(SemanticModel model, int position, ISymbol member, INamedTypeSymbol handlerType)
        {
            var name = Escape(member.Name);
            var found = model.LookupSymbols(position, name: member.Name);
            if (found.Length == 1 && SymbolEqualityComparer.Default.Equals(found[0], member))
            {
                return name;
            }

            return member.IsStatic ? Escape(handlerType.Name) + "." + name : "this." + name;
        }

        private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static ITypeSymbol? MemberType(ISymbol member) => member switch
        {
            IFieldSymbol f => f.Type,
            IPropertySymbol p => p.Type,
            _ => null,
        };

        private static bool IsInteger(ITypeSymbol? type) => type?.SpecialType switch
        {
            SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 => true,
            _ => false,
        };

        /// <summary>Whether <c>a &gt; b</c> compiles for two integer types (not <c>ulong</c> against a signed type).</summary>
        private static bool Comparable(ITypeSymbol? a, ITypeSymbol? b)
        {
            if (!IsInteger(a) || !IsInteger(b))
            {
                return false;
            }

            static bool Signed(SpecialType t) => t is SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64;
            var x = a!.SpecialType;
            var y = b!.SpecialType;
            return !((x == SpecialType.System_UInt64 && Signed(y)) || (y == SpecialType.System_UInt64 && Signed(x)));
        }

        private static bool NeedsParentheses(ExpressionSyntax condition) => condition switch
        {
            ParenthesizedExpressionSyntax => false,
            IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or LiteralExpressionSyntax => false,
            PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => false,
            IsPatternExpressionSyntax => false,
            BinaryExpressionSyntax binary => !(binary.IsKind(SyntaxKind.LogicalAndExpression)
                || binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression)
                || binary.IsKind(SyntaxKind.LessThanExpression) || binary.IsKind(SyntaxKind.LessThanOrEqualExpression)
                || binary.IsKind(SyntaxKind.GreaterThanExpression) || binary.IsKind(SyntaxKind.GreaterThanOrEqualExpression)
                || binary.IsKind(SyntaxKind.IsExpression)),
            _ => true,
        };
    }
}
