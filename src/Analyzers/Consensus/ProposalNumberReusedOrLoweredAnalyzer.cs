using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Consensus
{
    /// <summary>
    /// DIST303: a proposal number (ballot) lowered, or reused in a new prepare/propose message after a rejection
    /// or in a retry that sends another value (RULES.md, DIST303).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ProposalNumberReusedOrLoweredAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: <see cref="DecrementForm"/> or <see cref="ReuseForm"/>.</summary>
        public const string FormProperty = "Form";

        /// <summary>Diagnostic property of the decrement form: <see cref="BallotKind"/> or <see cref="RoundKind"/>.</summary>
        public const string KindProperty = "Kind";

        public const string DecrementForm = "Decrement";
        public const string ReuseForm = "Reuse";
        public const string BallotKind = "Ballot";
        public const string RoundKind = "Round";

        public static readonly RuleOption<WordList> BallotWords = RuleOptions.Words("ballot_words", "Ballot, BallotNumber, ProposalNumber, ProposalId, ProposalNo");
        public static readonly RuleOption<WordList> RoundWords = RuleOptions.Words("round_words", "Round, Term, Epoch, Generation");
        public static readonly RuleOption<WordList> CounterWords = RuleOptions.Words("counter_words", "Count, Remaining, Left, Total");
        public static readonly RuleOption<WordList> PrepareMessageWords = RuleOptions.Words("prepare_message_words", "Prepare, Propose, Proposal, Phase1, RequestVote, VoteRequest");
        public static readonly RuleOption<WordList> RetransmitMessageWords = RuleOptions.Words("retransmit_message_words", "Accept, AppendEntries, Heartbeat");
        public static readonly RuleOption<WordList> RejectionWords = RuleOptions.Words("rejection_words", "Nack, Reject, Rejected");
        public static readonly RuleOption<WordList> AcceptanceWords = RuleOptions.Words("acceptance_words", "Ok, Promised, Accepted, Granted, Success");
        public static readonly RuleOption<WordList> HighestWords = RuleOptions.Words("highest_words", "Highest, Max");

        /// <summary>Fixed words of a timeout branch's condition (<c>timedOut</c>, <c>IsTimeout</c>, <c>deadlineExpired</c>).</summary>
        private static readonly WordList TimeoutWords = WordList.Parse("Timeout, TimedOut, Timed+Out, Expired");

        private const int MaxDepth = 32;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DIST303_ProposalNumberReusedOrLowered);

        public override IEnumerable<RuleOption> Options => new RuleOption[]
        {
            BallotWords, RoundWords, CounterWords, PrepareMessageWords, RetransmitMessageWords, RejectionWords,
            AcceptanceWords, HighestWords, RuleOptions.ConsensusContextWords, RuleOptions.TestDoubleWords,
        };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var math = symbols.Math;
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.ProposalNumberReusedOrLowered, r => new Settings(r));

            // Every decrement is of a name ending with a ballot_words or round_words entry of the file's settings
            // (Classify), written as one identifier in the member that lowers it: the target of the --, -= or
            // assignment (a local, parameter, field or property without arguments). So only members that write
            // such an identifier are walked; a list that could match a name no source writes (TypeText) opens the gate.
            var gate = new TreeGate(this, (tree, _, anchors) =>
            {
                var settings = cache.Get(tree);
                TypeText.AddWrittenNames(anchors, settings.BallotWords, settings.RoundWords);
            });
            AnchoredOperations.RegisterInAnchoredMembers(context, this, gate, site => AnalyzeDecrement(site, cache, math), OperationKind.Decrement, OperationKind.CompoundAssignment, OperationKind.SimpleAssignment);

            // A reused number is reported on a new message whose type's name carries a prepare_message_words entry
            // (IsPrepareMessage). That type is written at the creation (`new Prepare(…)`, qualified or generic), or
            // through a using alias, or not at all: a target-typed `new(…)` or a `with` copy. So only the creations
            // whose written type name may carry an entry of the file's list, or an alias, and every `new(` and `with`
            // are looked at, instead of every creation of the program.
            var aliases = new UsingAliases(context.Compilation);
            var creations = new TreeGate(this, (tree, text, anchors) =>
            {
                var words = cache.Get(tree).PrepareMessageWords;
                anchors.AddNames(words);
                aliases.AddTo(tree, anchors);
                AddTargetTypedCreations(tree, text, anchors, aliases.AnyFor(tree) ? null : words);
                anchors.AddWord("with");
            });
            AnchoredOperations.RegisterAtAnchors(context, this, creations, CreationAt, site => AnalyzeCreation(site, cache), OperationKind.ObjectCreation, OperationKind.With);
        }

        /// <summary>
        /// Where <paramref name="text"/> writes <c>new</c> followed by <c>(</c> (or by a comment, which may hide one): a
        /// target-typed creation. With <paramref name="prepareWords"/> (a file that can use no using alias), one that
        /// initializes a declaration whose written type creates it (<c>List&lt;T&gt; items = new();</c>, a property's or a
        /// parameter's <c>= new()</c>) is left out when that type's name cannot carry an entry: the created type is
        /// the declared one, named as written.
        /// </summary>
        private static void AddTargetTypedCreations(SyntaxTree tree, string text, TreeGate.Anchors anchors, WordList? prepareWords)
        {
            var tokens = new TokenFinder(tree);
            foreach (var at in SourceTexts.Occurrences(tree, "new", lowered: false))
            {
                if ((at > 0 && SourceTexts.IsIdentifierChar(text[at - 1])) || (at + 3 < text.Length && SourceTexts.IsIdentifierChar(text[at + 3])))
                {
                    continue;
                }

                var next = SourceTexts.SkipWhiteSpace(text, at + 3);

                if (next < text.Length && text[next] is '(' or '/')
                {
                    if (prepareWords is not null && DeclaredTypeName(tokens.At(at)) is { } name && !prepareWords.MayMatch(name))
                    {
                        continue;
                    }

                    anchors.AddAt(at);
                }
            }
        }

        /// <summary>
        /// The name of the type a target-typed <c>new(…)</c> at <paramref name="token"/> creates, when it is the whole
        /// initializer of a declaration with a written type: the type's last identifier (<c>Ns.List&lt;T&gt;?</c>: List),
        /// or the empty string for a keyword type; null when the creation is anywhere else or the type is <c>var</c>.
        /// </summary>
        private static string? DeclaredTypeName(SyntaxToken token)
        {
            if (!token.IsKind(SyntaxKind.NewKeyword) || token.Parent is not ImplicitObjectCreationExpressionSyntax creation
                || creation.Parent is not EqualsValueClauseSyntax clause)
            {
                return null;
            }

            var type = clause.Parent switch
            {
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => declaration.Type,
                PropertyDeclarationSyntax property => property.Type,
                ParameterSyntax parameter => parameter.Type,
                _ => null,
            };
            if (type is NullableTypeSyntax nullable)
            {
                type = nullable.ElementType;
            }

            return WrittenNames.LastName(type) switch
            {
                IdentifierNameSyntax { IsVar: true } => null,
                { } simple => simple.Identifier.ValueText,
                null => type is PredefinedTypeSyntax ? string.Empty : null,
            };
        }

        /// <summary>
        /// The creation written at <paramref name="token"/>: the last name of a created type (<c>new Ns.Prepare&lt;T&gt;(…)</c>,
        /// not a type argument or a qualifier), the <c>new</c> of a target-typed creation, or a <c>with</c> expression's keyword.
        /// </summary>
        private static SyntaxNode? CreationAt(SyntaxToken token)
        {
            switch (token.Kind())
            {
                case SyntaxKind.NewKeyword:
                    return token.Parent as ImplicitObjectCreationExpressionSyntax;
                case SyntaxKind.WithKeyword:
                    return token.Parent as WithExpressionSyntax;
                case SyntaxKind.IdentifierToken when token.Parent is SimpleNameSyntax name:
                    SyntaxNode type = name;
                    while (type.Parent is QualifiedNameSyntax qualified && qualified.Right == type
                        || type.Parent is AliasQualifiedNameSyntax aliased && aliased.Name == type)
                    {
                        type = type.Parent;
                    }

                    return type.Parent is ObjectCreationExpressionSyntax creation && creation.Type == type ? creation : null;
                default:
                    return null;
            }
        }

        // ---------------------------------------------------------------- decrements

        private static void AnalyzeDecrement(OperationSite context, OptionsCache<Settings> cache, INamedTypeSymbol? math)
        {
            // Shape first, then the target's name (Classify needs a ballot_words or round_words entry at its end, so
            // one of those lists must pass its prefilter), and only then the lowering tests, which evaluate constants.
            var op = context.Operation;
            IOperation? target;
            switch (op)
            {
                case IIncrementOrDecrementOperation incDec:
                    if (op.Kind != OperationKind.Decrement)
                    {
                        return;
                    }

                    target = incDec.Target;
                    break;
                case ICompoundAssignmentOperation compound:
                    if (compound.OperatorKind is not (BinaryOperatorKind.Subtract or BinaryOperatorKind.Add))
                    {
                        return; // IsLowering is false for any other operator.
                    }

                    target = compound.Target;
                    break;
                case ISimpleAssignmentOperation simple:
                    if (simple.Value is null
                        || LocalFlow.Unwrap(simple.Value) is not (IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } or IInvocationOperation { TargetMethod.Name: "Max" }))
                    {
                        return; // IsSelfLowering accepts only x - k or Math.Max(…).
                    }

                    target = simple.Target;
                    break;
                default:
                    return;
            }

            var symbol = SymbolOf(target);
            if (symbol is null || string.IsNullOrEmpty(symbol.Name))
            {
                return;
            }

            var settings = cache.Get(op.Syntax.SyntaxTree);
            if (!settings.BallotWords.MayMatch(symbol.Name) && !settings.RoundWords.MayMatch(symbol.Name))
            {
                return;
            }

            switch (op)
            {
                case ICompoundAssignmentOperation compound when !IsLowering(compound.OperatorKind, compound.Value):
                case ISimpleAssignmentOperation simple when !IsSelfLowering(simple.Target, simple.Value, math):
                    return;
            }

            var kind = Classify(symbol.Name, context.ContainingSymbol, settings);
            if (kind is null || Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubleWords) || IsLoopCounter(op.Syntax, symbol))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(FormProperty, DecrementForm)
                .Add(KindProperty, kind);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.DIST303_ProposalNumberReusedOrLowered,
                op.Syntax.GetLocation(),
                properties,
                $"'{symbol.Name}' is lowered"));
        }

        /// <summary><c>-= k</c> with k not a constant ≤ 0, or <c>+= k</c> with a negative constant k.</summary>
        private static bool IsLowering(BinaryOperatorKind kind, IOperation? amount)
        {
            var known = ConstantEvaluator.TryGetNumber(amount, out var value);
            return kind switch
            {
                BinaryOperatorKind.Subtract => !known || value > 0,
                BinaryOperatorKind.Add => known && value < 0,
                _ => false,
            };
        }

        /// <summary><c>x = x - k</c> or <c>x = Math.Max(c, x - k)</c> (either argument order, c constant).</summary>
        private static bool IsSelfLowering(IOperation target, IOperation? value, INamedTypeSymbol? math)
        {
            if (value is null || SymbolOf(target) is null)
            {
                return false;
            }

            var v = LocalFlow.Unwrap(value);
            if (IsSubtractionFrom(target, v))
            {
                return true;
            }

            if (math is not null && v is IInvocationOperation { TargetMethod: { Name: "Max" } method } invocation
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, math)
                && invocation.Arguments.Length == 2)
            {
                var a = invocation.Arguments[0].Value;
                var b = invocation.Arguments[1].Value;
                return (IsSubtractionFrom(target, LocalFlow.Unwrap(a)) && ConstantEvaluator.Evaluate(b).IsNumber)
                    || (IsSubtractionFrom(target, LocalFlow.Unwrap(b)) && ConstantEvaluator.Evaluate(a).IsNumber);
            }

            return false;
        }

        private static bool IsSubtractionFrom(IOperation target, IOperation value) =>
            value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } binary
            && binary.LeftOperand is not null
            && SameReference(target, binary.LeftOperand, 0)
            && IsLowering(BinaryOperatorKind.Subtract, binary.RightOperand);

        /// <summary>A loop counter: decremented in a loop's condition or iterator, or declared by a <c>for</c>.</summary>
        private static bool IsLoopCounter(SyntaxNode syntax, ISymbol symbol)
        {
            if (symbol is ILocalSymbol local)
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax().Parent?.Parent is ForStatementSyntax)
                    {
                        return true;
                    }
                }
            }

            var node = syntax;
            for (var depth = 0; node is not null && depth < MaxDepth; depth++)
            {
                var parent = node.Parent;
                switch (parent)
                {
                    case ForStatementSyntax forStatement when forStatement.Condition == node || (node is ExpressionSyntax e && forStatement.Incrementors.Contains(e)):
                        return true;
                    case WhileStatementSyntax whileStatement when whileStatement.Condition == node:
                        return true;
                    case DoStatementSyntax doStatement when doStatement.Condition == node:
                        return true;
                    case null:
                    case StatementSyntax:
                    case MemberDeclarationSyntax:
                        return false;
                }

                node = parent;
            }

            return false;
        }

        // ---------------------------------------------------------------- reused numbers

        private static void AnalyzeCreation(OperationSite context, OptionsCache<Settings> cache)
        {
            var op = context.Operation;
            var type = op.Type;
            if (type is null || type.TypeKind == TypeKind.Error || string.IsNullOrEmpty(type.Name))
            {
                return;
            }

            // A prepare message's name carries a prepare_message_words entry: the prefilter spares most creations the
            // per-type cache.
            var settings = cache.Get(op.Syntax.SyntaxTree);
            if (!settings.PrepareMessageWords.MayMatch(type.Name)
                || !settings.IsPrepareMessage(type)
                || Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubleWords))
            {
                return;
            }

            // The number and where it is reported.
            IOperation? number;
            ISymbol? numberSymbol;
            IOperation location;
            bool valueChanged;
            if (op is IObjectCreationOperation creation)
            {
                number = FindNumber(creation, context.ContainingSymbol, settings);
                numberSymbol = number is null ? null : SymbolOf(number);
                if (number is null || numberSymbol is null)
                {
                    return;
                }

                location = number;
                valueChanged = false;
            }
            else if (op is IWithOperation with)
            {
                var operand = LocalFlow.Unwrap(with.Operand);
                if (SymbolOf(operand) is null || SetsNumber(with.Initializer, context.ContainingSymbol, settings))
                {
                    return;
                }

                number = null;
                numberSymbol = SymbolOf(operand);
                location = operand;
                valueChanged = with.Initializer is { Initializers.Length: > 0 };
            }
            else
            {
                return;
            }

            if (!FindBranch(op, settings, context.ContainingSymbol, out var branch, out var retryRegion, out var retry))
            {
                return;
            }

            if (numberSymbol is ILocalSymbol local && DeclaredInside(local, branch.Syntax))
            {
                return;
            }

            if (WritesBefore(branch, numberSymbol!, op.Syntax.SpanStart))
            {
                return;
            }

            string message;
            if (retry)
            {
                if (op is IObjectCreationOperation created)
                {
                    var previous = PreviousAttempt(created, retryRegion);
                    if (previous is null || !SameNumber(created, previous, number!) || SameValues(created, previous))
                    {
                        return;
                    }
                }
                else if (!valueChanged)
                {
                    return;
                }

                message = $"'{NameOf(location)}' is reused in a retry that sends '{type.Name}' with a different value";
            }
            else
            {
                message = $"'{NameOf(location)}' is reused in a new '{type.Name}' after a rejection";
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, ReuseForm);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST303_ProposalNumberReusedOrLowered, location.Syntax.GetLocation(), properties, message));
        }

        private static string NameOf(IOperation operation) => SymbolOf(operation)?.Name ?? operation.Syntax.ToString();

        /// <summary>The argument or initializer value that passes the proposer's own number: a local, parameter or own member named as a number, or given to a parameter or member so named.</summary>
        private static IOperation? FindNumber(IObjectCreationOperation creation, ISymbol? containing, Settings settings)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Value is { } value && IsOwnNumber(value, argument.Parameter?.Name, containing, settings, out var reference))
                {
                    return reference;
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var init in initializer.Initializers)
                {
                    if (init is ISimpleAssignmentOperation { Target: IMemberReferenceOperation member, Value: { } value }
                        && IsOwnNumber(value, member.Member.Name, containing, settings, out var reference))
                    {
                        return reference;
                    }
                }
            }

            return null;
        }

        private static bool IsOwnNumber(IOperation value, string? receiverName, ISymbol? containing, Settings settings, out IOperation reference)
        {
            reference = LocalFlow.Unwrap(value);
            if (!IsOwnReference(reference))
            {
                return false;
            }

            var symbol = SymbolOf(reference);
            return symbol is not null
                && (Classify(symbol.Name, containing, settings) is not null
                    || (receiverName is not null && Classify(receiverName, containing, settings) is not null));
        }

        /// <summary>A local, a parameter, or a field or property of this instance (or static).</summary>
        private static bool IsOwnReference(IOperation op) => op switch
        {
            ILocalReferenceOperation => true,
            IParameterReferenceOperation => true,
            IFieldReferenceOperation f => f.Instance is null or IInstanceReferenceOperation,
            IPropertyReferenceOperation p => p.Arguments.IsEmpty && p.Instance is null or IInstanceReferenceOperation,
            _ => false,
        };

        private static bool SetsNumber(IObjectOrCollectionInitializerOperation? initializer, ISymbol? containing, Settings settings)
        {
            if (initializer is null)
            {
                return false;
            }

            foreach (var init in initializer.Initializers)
            {
                if (init is ISimpleAssignmentOperation { Target: IMemberReferenceOperation member }
                    && Classify(member.Member.Name, containing, settings) is not null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Finds the enclosing rejection branch, or retry path (catch block, timeout branch). For a retry path,
        /// <paramref name="retryRegion"/> is where the previous attempt is looked for.
        /// </summary>
        private static bool FindBranch(IOperation op, Settings settings, ISymbol? containing, out IOperation branch, out IOperation? retryRegion, out bool retry)
        {
            branch = op;
            retryRegion = null;
            retry = false;
            var child = op;
            var parent = op.Parent;
            for (var depth = 0; parent is not null && depth < 64; depth++)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation conditional when conditional.Condition is { } condition && child != condition:
                        var polarity = RejectionPolarity(condition, settings, containing, 0);
                        var inThen = child == conditional.WhenTrue;
                        if (polarity.HasValue && polarity.Value == inThen)
                        {
                            branch = child;
                            return true;
                        }

                        if (inThen && MentionsTimeout(condition, 0))
                        {
                            branch = child;
                            retryRegion = LocalFlow.Root(op);
                            retry = true;
                            return true;
                        }

                        break;
                    case ICatchClauseOperation catchClause when catchClause.Parent is ITryOperation tryOperation:
                        branch = catchClause;
                        retryRegion = tryOperation.Body;
                        retry = true;
                        return true;
                }

                child = parent;
                parent = parent.Parent;
            }

            return false;
        }

        /// <summary>
        /// True when the condition being true means the proposal was rejected, false when its being false does,
        /// null when it says nothing about a rejection.
        /// </summary>
        private static bool? RejectionPolarity(IOperation condition, Settings settings, ISymbol? containing, int depth)
        {
            if (depth > 8)
            {
                return null;
            }

            var c = LocalFlow.Unwrap(condition);
            switch (c)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: { } operand }:
                    return Flip(RejectionPolarity(operand, settings, containing, depth + 1));
                case IBinaryOperation binary:
                    switch (binary.OperatorKind)
                    {
                        case BinaryOperatorKind.ConditionalAnd:
                        case BinaryOperatorKind.ConditionalOr:
                        case BinaryOperatorKind.And:
                        case BinaryOperatorKind.Or:
                            return RejectionPolarity(binary.LeftOperand, settings, containing, depth + 1)
                                ?? RejectionPolarity(binary.RightOperand, settings, containing, depth + 1);
                        case BinaryOperatorKind.Equals:
                        case BinaryOperatorKind.NotEquals:
                            var negate = binary.OperatorKind == BinaryOperatorKind.NotEquals;
                            var polarity = EqualityPolarity(binary.LeftOperand, binary.RightOperand, settings)
                                ?? EqualityPolarity(binary.RightOperand, binary.LeftOperand, settings);
                            return negate ? Flip(polarity) : polarity;
                        case BinaryOperatorKind.GreaterThan:
                        case BinaryOperatorKind.GreaterThanOrEqual:
                            return IsReplyNumber(binary.LeftOperand, settings, containing) && IsOwnNumberOperand(binary.RightOperand, settings, containing) ? true : null;
                        case BinaryOperatorKind.LessThan:
                        case BinaryOperatorKind.LessThanOrEqual:
                            return IsReplyNumber(binary.RightOperand, settings, containing) && IsOwnNumberOperand(binary.LeftOperand, settings, containing) ? true : null;
                    }

                    return null;
                case IIsPatternOperation { Value: { } value, Pattern: IConstantPatternOperation { Value: { } constant } }:
                    if (constant.ConstantValue is { HasValue: true, Value: bool b })
                    {
                        var p = ReplyFlag(value, settings);
                        return b ? p : Flip(p);
                    }

                    return null;
                default:
                    return ReplyFlag(c, settings);
            }
        }

        private static bool? EqualityPolarity(IOperation? left, IOperation? right, Settings settings)
        {
            if (left is null || right is null)
            {
                return null;
            }

            var r = LocalFlow.Unwrap(right);
            if (r.ConstantValue is { HasValue: true, Value: bool b })
            {
                var p = ReplyFlag(left, settings);
                return b ? p : Flip(p);
            }

            // reply.Status == Status.Rejected
            if (r is IFieldReferenceOperation { Field: { IsConst: true } field } && field.ContainingType?.TypeKind == TypeKind.Enum
                && LocalFlow.Unwrap(left) is IMemberReferenceOperation { Instance: { } instance } && instance is not IInstanceReferenceOperation)
            {
                return WordPolarity(field.Name, settings);
            }

            return null;
        }

        /// <summary>A boolean member of a reply (not of this instance) named with a rejection or acceptance word.</summary>
        private static bool? ReplyFlag(IOperation operation, Settings settings)
        {
            var op = LocalFlow.Unwrap(operation);
            if (op is IMemberReferenceOperation { Instance: { } instance } member
                && instance is not IInstanceReferenceOperation
                && member.Type?.SpecialType == SpecialType.System_Boolean)
            {
                return WordPolarity(member.Member.Name, settings);
            }

            return null;
        }

        private static bool? WordPolarity(string name, Settings settings)
        {
            var words = Words.Split(name);
            if (settings.RejectionWords.Matches(words, WordMatch.Carries))
            {
                return true;
            }

            if (settings.AcceptanceWords.Matches(words, WordMatch.Carries))
            {
                return false;
            }

            return null;
        }

        /// <summary>A reply's ballot or round number: a member of another object named as a number.</summary>
        private static bool IsReplyNumber(IOperation? operand, Settings settings, ISymbol? containing) =>
            operand is not null
            && LocalFlow.Unwrap(operand) is IMemberReferenceOperation { Instance: { } instance } member
            && instance is not IInstanceReferenceOperation
            && Classify(member.Member.Name, containing, settings) is not null;

        private static bool IsOwnNumberOperand(IOperation? operand, Settings settings, ISymbol? containing)
        {
            if (operand is null)
            {
                return false;
            }

            var op = LocalFlow.Unwrap(operand);
            return IsOwnReference(op) && SymbolOf(op) is { } symbol && Classify(symbol.Name, containing, settings) is not null;
        }

        private static bool? Flip(bool? value) => value.HasValue ? !value.Value : null;

        private static bool MentionsTimeout(IOperation condition, int depth)
        {
            foreach (var op in condition.DescendantsAndSelf())
            {
                string? name = op switch
                {
                    ILocalReferenceOperation l => l.Local.Name,
                    IParameterReferenceOperation p => p.Parameter.Name,
                    IMemberReferenceOperation m => m.Member.Name,
                    IInvocationOperation i => i.TargetMethod.Name,
                    _ => null,
                };
                if (name is not null && TimeoutWords.CarriedBy(name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="number"/> is written (assigned, incremented, passed by ref, or by an own method that writes it) in <paramref name="region"/> before <paramref name="position"/>.</summary>
        private static bool WritesBefore(IOperation region, ISymbol number, int position)
        {
            foreach (var op in region.DescendantsAndSelf())
            {
                if (op.Syntax.SpanStart >= position)
                {
                    continue;
                }

                switch (op)
                {
                    case ISimpleAssignmentOperation a when Is(SymbolOf(a.Target), number):
                    case ICompoundAssignmentOperation c when Is(SymbolOf(c.Target), number):
                    case IIncrementOrDecrementOperation i when Is(SymbolOf(i.Target), number):
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } arg when Is(SymbolOf(arg.Value), number):
                        return true;
                    case IDeconstructionAssignmentOperation d:
                        foreach (var t in d.Target.DescendantsAndSelf())
                        {
                            if (Is(SymbolOf(t), number))
                            {
                                return true;
                            }
                        }

                        break;
                    case IInvocationOperation invocation when (number is IFieldSymbol || number is IPropertySymbol)
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, number.ContainingType)
                        && MethodWrites(invocation.TargetMethod, number.Name):
                        return true;
                }
            }

            return false;
        }

        private static bool Is(ISymbol? a, ISymbol b) => a is not null && SymbolEqualityComparer.Default.Equals(a, b);

        /// <summary>Syntactic look into an own method: does it assign, increment or decrement a name <paramref name="name"/>?</summary>
        private static bool MethodWrites(IMethodSymbol method, string name)
        {
            foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    ExpressionSyntax? target = node switch
                    {
                        AssignmentExpressionSyntax assignment => assignment.Left,
                        PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) => prefix.Operand,
                        PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                        _ => null,
                    };
                    var identifier = target switch
                    {
                        IdentifierNameSyntax id => id.Identifier.ValueText,
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: { } n } => n.Identifier.ValueText,
                        _ => null,
                    };
                    if (identifier == name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool DeclaredInside(ILocalSymbol local, SyntaxNode region)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == region.SyntaxTree && region.Span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The last creation of the same message type in <paramref name="region"/> before <paramref name="creation"/>.</summary>
        private static IObjectCreationOperation? PreviousAttempt(IObjectCreationOperation creation, IOperation? region)
        {
            if (region is null)
            {
                return null;
            }

            IObjectCreationOperation? previous = null;
            foreach (var op in region.Descendants())
            {
                if (op is IObjectCreationOperation other
                    && other != creation
                    && other.Syntax.Span.End <= creation.Syntax.SpanStart
                    && SymbolEqualityComparer.Default.Equals(other.Type, creation.Type)
                    && (previous is null || other.Syntax.SpanStart > previous.Syntax.SpanStart))
                {
                    previous = other;
                }
            }

            return previous;
        }

        /// <summary>Whether the previous attempt passed the same number at the same place.</summary>
        private static bool SameNumber(IObjectCreationOperation creation, IObjectCreationOperation previous, IOperation number)
        {
            foreach (var value in ValuesOf(previous))
            {
                if (SameReference(LocalFlow.Unwrap(value), number, 0))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether both creations pass the same arguments and initializers (an identical re-send).</summary>
        private static bool SameValues(IObjectCreationOperation a, IObjectCreationOperation b)
        {
            var x = ValuesOf(a);
            var y = ValuesOf(b);
            if (x.Count != y.Count)
            {
                return false;
            }

            for (var i = 0; i < x.Count; i++)
            {
                if (!x[i].Syntax.IsEquivalentTo(y[i].Syntax, topLevel: false))
                {
                    return false;
                }
            }

            return true;
        }

        private static List<IOperation> ValuesOf(IObjectCreationOperation creation)
        {
            var list = new List<IOperation>();
            foreach (var argument in creation.Arguments)
            {
                if (argument.Value is { } value && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    list.Add(value);
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var init in initializer.Initializers)
                {
                    list.Add(init);
                }
            }

            return list;
        }

        // ---------------------------------------------------------------- shared

        /// <summary><see cref="BallotKind"/>, <see cref="RoundKind"/> (only in a consensus context), or null.</summary>
        internal static string? Classify(string? name, ISymbol? containing, Settings settings)
        {
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var words = Words.Split(name);
            if (settings.CounterWords.Matches(words, WordMatch.Carries))
            {
                return null;
            }

            if (settings.BallotWords.Matches(words, WordMatch.EndsWith))
            {
                return BallotKind;
            }

            if (settings.RoundWords.Matches(words, WordMatch.EndsWith) && Contexts.AnyNameCarries(containing, settings.ConsensusContextWords))
            {
                return RoundKind;
            }

            return null;
        }

        /// <summary>The local, parameter, field or property (without arguments) an operation refers to.</summary>
        internal static ISymbol? SymbolOf(IOperation? operation)
        {
            if (operation is null)
            {
                return null;
            }

            return LocalFlow.Unwrap(operation) switch
            {
                ILocalReferenceOperation l => l.Local,
                IParameterReferenceOperation p => p.Parameter,
                IFieldReferenceOperation f => f.Field,
                IPropertyReferenceOperation { Arguments.IsEmpty: true } p => p.Property,
                _ => null,
            };
        }

        /// <summary>Whether two operations denote the same variable (same symbol, same instance path).</summary>
        internal static bool SameReference(IOperation? a, IOperation? b, int depth)
        {
            if (a is null || b is null || depth > 8)
            {
                return false;
            }

            var x = LocalFlow.Unwrap(a);
            var y = LocalFlow.Unwrap(b);
            switch (x)
            {
                case ILocalReferenceOperation l:
                    return y is ILocalReferenceOperation l2 && SymbolEqualityComparer.Default.Equals(l.Local, l2.Local);
                case IParameterReferenceOperation p:
                    return y is IParameterReferenceOperation p2 && SymbolEqualityComparer.Default.Equals(p.Parameter, p2.Parameter);
                case IInstanceReferenceOperation:
                    return y is IInstanceReferenceOperation;
                case IMemberReferenceOperation m when m is IFieldReferenceOperation || m is IPropertyReferenceOperation { Arguments.IsEmpty: true }:
                    if (y is not IMemberReferenceOperation m2 || !SymbolEqualityComparer.Default.Equals(m.Member, m2.Member))
                    {
                        return false;
                    }

                    if (m.Instance is null || m2.Instance is null)
                    {
                        return m.Instance is null && m2.Instance is null;
                    }

                    return SameReference(m.Instance, m2.Instance, depth + 1);
                default:
                    return false;
            }
        }

        internal sealed class Settings
        {
            public Settings(OptionReader reader)
            {
                BallotWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.BallotWords);
                RoundWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.RoundWords);
                CounterWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.CounterWords);
                PrepareMessageWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.PrepareMessageWords);
                RetransmitMessageWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.RetransmitMessageWords);
                RejectionWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.RejectionWords);
                AcceptanceWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.AcceptanceWords);
                HighestWords = reader.Get(ProposalNumberReusedOrLoweredAnalyzer.HighestWords);
                ConsensusContextWords = reader.Get(RuleOptions.ConsensusContextWords);
                TestDoubleWords = reader.Get(RuleOptions.TestDoubleWords);
            }

            private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool> prepareMessages =
                new System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

            public WordList BallotWords { get; }

            public WordList RoundWords { get; }

            public WordList CounterWords { get; }

            public WordList PrepareMessageWords { get; }

            public WordList RetransmitMessageWords { get; }

            public WordList RejectionWords { get; }

            public WordList AcceptanceWords { get; }

            public WordList HighestWords { get; }

            public WordList ConsensusContextWords { get; }

            public WordList TestDoubleWords { get; }

            /// <summary>A message type whose reuse is checked: carries a prepare word, no retransmit word, not a test double (cached per type).</summary>
            public bool IsPrepareMessage(ITypeSymbol type) => prepareMessages.GetOrAdd(type, t =>
            {
                var words = Words.Split(t.Name);
                return PrepareMessageWords.Matches(words, WordMatch.Carries)
                    && !RetransmitMessageWords.Matches(words, WordMatch.Carries)
                    && !Contexts.IsTestDouble(t, TestDoubleWords);
            });
        }
    }
}
