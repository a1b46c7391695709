using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Time
{
    /// <summary>
    /// DIST102: in a merge context, the winner between two values of the same type is chosen by comparing a
    /// wall-clock stamp of each (<c>if</c>, <c>?:</c>, <c>CompareTo</c>, or a LINQ pick).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed partial class LastWriteWinsByWallClockAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: the logical version member the fix puts in place of the stamp (present only when the fix applies).
        /// The diagnostic's additional locations are the stamp names to replace.</summary>
        public const string VersionMemberProperty = "VersionMember";

        public static readonly RuleOption<WordList> StampWords = RuleOptions.Words("stamp_words", "Timestamp, Time, UpdatedAt, ModifiedAt, WrittenAt, Ticks, Millis");

        public static readonly RuleOption<WordList> LogicalWords = RuleOptions.Words("logical_words", "Version, Lamport, Logical, Hlc, Hybrid, Counter, Sequence, Term, Epoch, Revision, Generation");

        public static readonly RuleOption<WordList> LwwTypeWords = RuleOptions.Words("lww_type_words", "Lww, LastWriteWins");

        public static readonly RuleOption<WordList> PickSourceWords = RuleOptions.Words("pick_source_words", "Version, Sibling, Replica, Conflict, Candidate, Response");

        public static readonly RuleOption<WordList> PickMethodWords = RuleOptions.Words("pick_method_words", "Merge, Resolve, Reconcile, Converge");

        public static readonly RuleOption<WordList> VersionMemberWords = RuleOptions.Words("version_member_words", "Version, Revision, Lamport*, LogicalClock, SequenceNumber");

        private const int MaxChain = 32;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DIST102_LastWriteWinsByWallClock);

        public override IEnumerable<RuleOption> Options { get; } = ImmutableArray.Create<RuleOption>(
            RuleOptions.MergeMemberWords,
            RuleOptions.MergeTypeWords,
            StampWords,
            LogicalWords,
            LwwTypeWords,
            PickSourceWords,
            PickMethodWords,
            VersionMemberWords,
            RuleOptions.TestDoubleWords);

        private sealed class Settings
        {
            public Settings(OptionReader reader)
            {
                MergeMembers = reader.Get(RuleOptions.MergeMemberWords);
                MergeTypes = reader.Get(RuleOptions.MergeTypeWords);
                Stamps = reader.Get(StampWords);
                Logical = reader.Get(LogicalWords);
                Lww = reader.Get(LwwTypeWords);
                PickSources = reader.Get(PickSourceWords);
                PickMethods = reader.Get(PickMethodWords);
                VersionMembers = reader.Get(VersionMemberWords);
                TestDoubles = reader.Get(RuleOptions.TestDoubleWords);
                var mergeMembers = MergeMembers;
                MergeMemberNames = new NameMemo<bool>(name => mergeMembers.CarriedBy(name));
                var mergeTypes = MergeTypes;
                MergeTypeNames = new NameMemo<bool>(name => mergeTypes.CarriedBy(name));
                MergeMemberFilter = new StemFilter(MergeMembers);
                MergeTypeFilter = new StemFilter(MergeTypes);
            }

            /// <summary>
            /// Per type: whether the type, an enclosing type or a namespace segment carries a <see cref="MergeTypes"/> word.
            /// Keyed by the symbol object (the compiler hands out one object per type): a tuple key of the symbol and the
            /// list cost about 5 µs a lookup on the benchmark, more than the rest of the callback.
            /// </summary>
            public ConcurrentDictionary<INamedTypeSymbol, bool> MergeTypeCarriers { get; } = new ConcurrentDictionary<INamedTypeSymbol, bool>(SameReference<INamedTypeSymbol>.Instance);

            /// <summary><c>MergeMembers.CarriedBy</c>, remembered per name: member names repeat across the code (and <c>*Async</c> names pass the <c>Sync</c> prefilter only to fail the word test).</summary>
            public NameMemo<bool> MergeMemberNames { get; }

            /// <summary><c>MergeTypes.CarriedBy</c>, remembered per name (type and namespace names, in <see cref="MergeScopes"/>).</summary>
            public NameMemo<bool> MergeTypeNames { get; }

            /// <summary>A cheap necessary condition for <see cref="MergeMemberNames"/> (MergeScopes).</summary>
            public StemFilter MergeMemberFilter { get; }

            /// <summary>A cheap necessary condition for <see cref="MergeTypeNames"/> (MergeScopes).</summary>
            public StemFilter MergeTypeFilter { get; }

            public WordList MergeMembers { get; }

            public WordList MergeTypes { get; }

            public WordList Stamps { get; }

            public WordList Logical { get; }

            public WordList Lww { get; }

            public WordList PickSources { get; }

            public WordList PickMethods { get; }

            public WordList VersionMembers { get; }

            public WordList TestDoubles { get; }
        }

        private sealed class Rule
        {
            public Rule(OptionsCache<Settings> options, OptionsCache<VectorClockWords> clockWords, VectorClocks clocks, INamedTypeSymbol? dateTime, INamedTypeSymbol? dateTimeOffset, INamedTypeSymbol? enumerable, Compilation compilation)
            {
                Options = options;
                ClockWords = clockWords;
                Clocks = clocks;
                DateTime = dateTime;
                DateTimeOffset = dateTimeOffset;
                Enumerable = enumerable;
                Compilation = compilation;
            }

            public OptionsCache<Settings> Options { get; }

            /// <summary>"A DIST104 vector-clock type" is recognised with DIST104's own lists.</summary>
            public OptionsCache<VectorClockWords> ClockWords { get; }

            public VectorClocks Clocks { get; }

            public INamedTypeSymbol? DateTime { get; }

            public INamedTypeSymbol? DateTimeOffset { get; }

            public INamedTypeSymbol? Enumerable { get; }

            public Compilation Compilation { get; }
        }

        /// <summary>A comparison of one stamp member of two values: <c>a.T &gt; b.T</c>, <c>a.T.CompareTo(b.T) &gt; 0</c>, <c>a.T == b.T</c>…</summary>
        private sealed class StampComparison
        {
            public StampComparison(IOperation node, bool verdict, IOperation left, IOperation right, ISymbol member)
            {
                Node = node;
                Verdict = verdict;
                Left = left;
                Right = right;
                Member = member;
            }

            /// <summary>The verdict expression (the location).</summary>
            public IOperation Node { get; }

            /// <summary>Whether it orders (not just tests equality).</summary>
            public bool Verdict { get; }

            /// <summary>The two values whose stamps are compared.</summary>
            public IOperation Left { get; }

            public IOperation Right { get; }

            public ISymbol Member { get; }

            /// <summary>The stamp reads to replace with the version member.</summary>
            public List<IOperation> Reads { get; } = new List<IOperation>(2);

            /// <summary>A tie-breaker built in (tuple element, or a compare held in a local that is re-assigned on a tie).</summary>
            public bool TieBroken { get; set; }

            /// <summary>A <c>DateTime.Compare</c>-style static call: replacing the stamp would not compile.</summary>
            public bool NotFixable { get; set; }
        }

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var options = new OptionsCache<Settings>(context.Options, DiagnosticIds.LastWriteWinsByWallClock, reader => new Settings(reader));
            var clockWords = new OptionsCache<VectorClockWords>(context.Options, DiagnosticIds.VectorClockTotalOrder, reader => new VectorClockWords(
                reader.Get(VectorClockWords.VectorClockTypeWords), reader.Get(VectorClockWords.MapClockTypeWords), reader.Get(VectorClockWords.ArrayClockTypeWords)));
            var rule = new Rule(options, clockWords, new VectorClocks(symbols), symbols.DateTime, symbols.DateTimeOffset, symbols.Get("System.Linq.Enumerable"), context.Compilation);
            if (!UseTreeGates)
            {
                // Gates open (GateEquivalenceTests): the driver's own walk, to compare MergeScopes with.
                context.RegisterOperationAction(c => OnConditional(OperationSite.From(c), rule), OperationKind.Conditional);
                if (rule.Enumerable is not null)
                {
                    context.RegisterOperationAction(c => OnInvocation(OperationSite.From(c), rule), OperationKind.Invocation);
                }

                return;
            }

            // Every finding is in a merge context, read from the names of the enclosing declarations: one walk per file
            // of the members that may be in one (MergeScopes), instead of a callback for every conditional and invocation.
            var kinds = rule.Enumerable is null ? new[] { OperationKind.Conditional } : new[] { OperationKind.Conditional, OperationKind.Invocation };
            var scopes = new MergeScopes(rule, kinds, site =>
            {
                if (site.Operation.Kind == OperationKind.Conditional)
                {
                    OnConditional(site, rule);
                }
                else
                {
                    OnInvocation(site, rule);
                }
            });
            context.RegisterSemanticModelAction(scopes.Analyze);
        }

        /// <summary>
        /// The name part of <see cref="InScope"/>, early in the callbacks: an enclosing member carries a <c>merge_member_words</c>
        /// word, or an enclosing type or namespace a <c>merge_type_words</c> word (kept per type). It reads the symbols' own
        /// names: a text gate would scan every file for the words to learn less (names the compiler makes up, such as
        /// top-level statements' <c>Program</c>, operators' <c>op_GreaterThan</c>, are written nowhere).
        /// </summary>
        private static bool MayBeInScope(ISymbol? containing, SyntaxTree tree, Rule rule)
        {
            var settings = rule.Options.Get(tree);
            if (Contexts.AnyMemberName(containing, settings.MergeMemberNames.Get))
            {
                return true;
            }

            if (Contexts.ContainingType(containing) is not { } type)
            {
                return Contexts.AnyTypeOrNamespaceNameCarries(containing, settings.MergeTypes);
            }

            if (!settings.MergeTypeCarriers.TryGetValue(type, out var carries))
            {
                carries = Contexts.AnyTypeOrNamespaceNameCarries(type, settings.MergeTypes);
                settings.MergeTypeCarriers.TryAdd(type, carries);
            }

            return carries;
        }

        // ---------------------------------------------------------------- if / ?:

        private static void OnConditional(OperationSite context, Rule rule)
        {
            var conditional = (IConditionalOperation)context.Operation;
            if (context.ContainingSymbol is not { } containing)
            {
                return;
            }

            if (conditional.Parent is IConditionalOperation parent && parent.WhenFalse == conditional)
            {
                return; // analysed with the head of its else-if chain
            }

            // A verdict is a relational or equality comparison in a condition of the chain (CollectFromCondition):
            // without one anywhere in the chain there is nothing to find.
            if (!ChainMayCompare(conditional))
            {
                return;
            }

            // Then the names of the merge context, before any stamp is parsed.
            if (!MayBeInScope(containing, conditional.Syntax.SyntaxTree, rule))
            {
                return;
            }

            var chain = new List<IConditionalOperation>(2);
            for (var c = conditional; c is not null && chain.Count < MaxChain; c = LocalFlow.Unwrap(c.WhenFalse ?? c) as IConditionalOperation)
            {
                if (chain.Count > 0 && ReferenceEquals(c, chain[chain.Count - 1]))
                {
                    break;
                }

                chain.Add(c);
                if (c.WhenFalse is null)
                {
                    break;
                }
            }

            Settings? settings = null;
            StampComparison? verdict = null;
            foreach (var c in chain)
            {
                var found = new List<StampComparison>(2);
                settings ??= rule.Options.Get(context.Operation.Syntax.SyntaxTree);
                CollectFromCondition(c.Condition, rule, settings, found, 0);
                foreach (var f in found)
                {
                    if (f.Verdict)
                    {
                        verdict = f;
                        break;
                    }
                }

                if (verdict is not null)
                {
                    break;
                }
            }

            if (verdict is null || settings is null)
            {
                return;
            }

            var isStatement = conditional.Syntax is IfStatementSyntax;
            if (isStatement ? !Selects(chain) : !YieldsOneOf(conditional, verdict))
            {
                return;
            }

            if (!InScope(containing, context.Operation.Syntax.SyntaxTree, rule, settings))
            {
                return;
            }

            // Every comparison of the same stamps of the same two values in the chain, and whether another member of them decides ties.
            var all = new List<StampComparison>(4);
            var tieBroken = verdict.TieBroken;
            var notFixable = false;
            foreach (var op in conditional.DescendantsAndSelf())
            {
                if (ParseComparison(op, rule, settings) is { } sc && SamePair(sc, verdict))
                {
                    all.Add(sc);
                    tieBroken |= sc.TieBroken;
                    notFixable |= sc.NotFixable;
                }
                else if (!tieBroken && IsOtherMemberComparison(op, verdict))
                {
                    tieBroken = true;
                }
            }

            var reads = new List<IOperation>(all.Count * 2);
            foreach (var sc in all)
            {
                reads.AddRange(sc.Reads);
            }

            Report(context, rule, settings, verdict.Node.Syntax.GetLocation(), verdict.Member, verdict.Left.Type, tieBroken, notFixable, reads);
        }

        /// <summary>
        /// A necessary condition for a verdict in the else-if chain headed by <paramref name="head"/>, without allocating:
        /// the chain walk of OnConditional, and CollectFromCondition's walk of each condition down to a comparison.
        /// </summary>
        private static bool ChainMayCompare(IConditionalOperation head)
        {
            var count = 0;
            IConditionalOperation? previous = null;
            for (var c = head; c is not null && count < MaxChain; c = LocalFlow.Unwrap(c.WhenFalse ?? c) as IConditionalOperation)
            {
                if (previous is not null && ReferenceEquals(c, previous))
                {
                    break;
                }

                if (MayCompare(c.Condition, 0))
                {
                    return true;
                }

                count++;
                previous = c;
                if (c.WhenFalse is null)
                {
                    break;
                }
            }

            return false;
        }

        /// <summary>Whether CollectFromCondition could reach a relational or equality comparison in <paramref name="condition"/>.</summary>
        private static bool MayCompare(IOperation? condition, int depth)
        {
            if (condition is null || depth > MaxChain)
            {
                return false;
            }

            switch (LocalFlow.Unwrap(condition))
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
                    return MayCompare(logical.LeftOperand, depth + 1) || MayCompare(logical.RightOperand, depth + 1);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return MayCompare(not.Operand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals }:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Whether a branch of the chain keeps a value: an assignment or a return.</summary>
        private static bool Selects(List<IConditionalOperation> chain)
        {
            foreach (var c in chain)
            {
                foreach (var branch in new[] { c.WhenTrue, c.WhenFalse })
                {
                    if (branch is null || branch is IConditionalOperation)
                    {
                        continue;
                    }

                    foreach (var op in branch.DescendantsAndSelf())
                    {
                        if (op is ISimpleAssignmentOperation or IReturnOperation)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>Whether a branch of <c>?:</c> yields one of the two compared values (or a member of one): the result keeps it.</summary>
        private static bool YieldsOneOf(IConditionalOperation conditional, StampComparison verdict)
        {
            foreach (var branch in new[] { conditional.WhenTrue, conditional.WhenFalse })
            {
                if (branch is null)
                {
                    continue;
                }

                foreach (var op in branch.DescendantsAndSelf())
                {
                    if (op is ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                        && (SameValue(op, verdict.Left, 0) || SameValue(op, verdict.Right, 0)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Stamp comparisons of a condition, through <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>.</summary>
        private static void CollectFromCondition(IOperation? condition, Rule rule, Settings settings, List<StampComparison> found, int depth)
        {
            if (condition is null || depth > MaxChain)
            {
                return;
            }

            var op = LocalFlow.Unwrap(condition);
            switch (op)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
                    CollectFromCondition(logical.LeftOperand, rule, settings, found, depth + 1);
                    CollectFromCondition(logical.RightOperand, rule, settings, found, depth + 1);
                    return;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    CollectFromCondition(not.Operand, rule, settings, found, depth + 1);
                    return;
            }

            if (ParseComparison(op, rule, settings) is { } sc)
            {
                found.Add(sc);
            }
        }

        /// <summary>A comparison of the same stamp member of two distinct values, in any of the recognised forms.</summary>
        private static StampComparison? ParseComparison(IOperation op, Rule rule, Settings settings)
        {
            if (op is not IBinaryOperation binary)
            {
                return null;
            }

            var kind = binary.OperatorKind;
            var relational = kind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;
            var equality = kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals;
            if (!relational && !equality)
            {
                return null;
            }

            // a.T > b.T, a.T == b.T
            if (IsStamp(binary.LeftOperand, rule, settings, out var leftValue, out var leftMember)
                && IsStamp(binary.RightOperand, rule, settings, out var rightValue, out var rightMember)
                && SymbolEqualityComparer.Default.Equals(leftMember, rightMember)
                && !SameValue(leftValue, rightValue, 0))
            {
                var sc = new StampComparison(binary, relational, leftValue!, rightValue!, leftMember!);
                sc.Reads.Add(LocalFlow.Unwrap(binary.LeftOperand));
                sc.Reads.Add(LocalFlow.Unwrap(binary.RightOperand));
                return sc;
            }

            // compare(a.T, b.T) > 0, == 0 ; through a local: var c = a.T.CompareTo(b.T); … c > 0
            IOperation? other;
            long constant;
            if (ConstantEvaluator.TryGetInteger(binary.RightOperand, out constant))
            {
                other = binary.LeftOperand;
            }
            else if (ConstantEvaluator.TryGetInteger(binary.LeftOperand, out constant))
            {
                other = binary.RightOperand;
            }
            else
            {
                return null;
            }

            var verdict = relational || constant != 0;
            var unwrapped = LocalFlow.Unwrap(other);
            if (ParseCompareCall(unwrapped, rule, settings) is { } call)
            {
                return call.WithNode(binary, verdict);
            }

            if (unwrapped is ILocalReferenceOperation local)
            {
                var index = LocalFlow.IndexFor(local);
                if (index.IsUntracked(local.Local))
                {
                    return null;
                }

                // The stamp compare is one of the local's values (the first, in source order); a value that compares
                // another member of the same two values is the tie-breaker.
                var values = index.ValuesAssignedTo(local.Local);
                CompareCall? first = null;
                foreach (var value in values)
                {
                    if (ParseCompareCall(LocalFlow.Unwrap(value), rule, settings) is { } held
                        && (first is null || held.LeftRead.Syntax.SpanStart < first.LeftRead.Syntax.SpanStart))
                    {
                        first = held;
                    }
                }

                if (first is null)
                {
                    return null;
                }

                var sc = first.WithNode(binary, verdict);
                foreach (var value in values)
                {
                    if (IsOtherMemberComparison(LocalFlow.Unwrap(value), sc))
                    {
                        sc.TieBroken = true;
                    }
                }

                return sc;
            }

            return null;
        }

        /// <summary>The compare call part of a comparison, before its verdict node is known.</summary>
        private sealed class CompareCall
        {
            public CompareCall(IOperation left, IOperation right, ISymbol member, IOperation leftRead, IOperation rightRead, bool tieBroken, bool notFixable)
            {
                Left = left;
                Right = right;
                Member = member;
                LeftRead = leftRead;
                RightRead = rightRead;
                TieBroken = tieBroken;
                NotFixable = notFixable;
            }

            public IOperation Left { get; }

            public IOperation Right { get; }

            public ISymbol Member { get; }

            public IOperation LeftRead { get; }

            public IOperation RightRead { get; }

            public bool TieBroken { get; }

            public bool NotFixable { get; }

            public StampComparison WithNode(IOperation node, bool verdict)
            {
                var sc = new StampComparison(node, verdict, Left, Right, Member) { TieBroken = TieBroken, NotFixable = NotFixable };
                sc.Reads.Add(LeftRead);
                sc.Reads.Add(RightRead);
                return sc;
            }
        }

        /// <summary><c>a.T.CompareTo(b.T)</c>, <c>DateTime.Compare(a.T, b.T)</c>, <c>(a.T, a.Node).CompareTo((b.T, b.Node))</c>.</summary>
        private static CompareCall? ParseCompareCall(IOperation op, Rule rule, Settings settings)
        {
            if (op is not IInvocationOperation { TargetMethod: { } method } invocation)
            {
                return null;
            }

            IOperation? first;
            IOperation? second;
            var isStatic = false;
            if (method.Name == "CompareTo" && invocation.Instance is { } instance && invocation.Arguments.Length == 1)
            {
                first = instance;
                second = invocation.Arguments[0].Value;
            }
            else if (method.Name == "Compare" && method.IsStatic && invocation.Arguments.Length == 2
                && (Is(method.ContainingType, rule.DateTime) || Is(method.ContainingType, rule.DateTimeOffset)))
            {
                first = invocation.Arguments[0].Value;
                second = invocation.Arguments[1].Value;
                isStatic = true;
            }
            else
            {
                return null;
            }

            first = LocalFlow.Unwrap(first);
            second = LocalFlow.Unwrap(second);
            if (IsStamp(first, rule, settings, out var a, out var memberA)
                && IsStamp(second, rule, settings, out var b, out var memberB)
                && SymbolEqualityComparer.Default.Equals(memberA, memberB)
                && !SameValue(a, b, 0))
            {
                return new CompareCall(a!, b!, memberA!, first, second, false, isStatic);
            }

            // Tuple comparison: the stamp first, then other members of the same two values.
            if (!isStatic && first is ITupleOperation left && second is ITupleOperation right
                && left.Elements.Length == right.Elements.Length && left.Elements.Length >= 1)
            {
                var l0 = LocalFlow.Unwrap(left.Elements[0]);
                var r0 = LocalFlow.Unwrap(right.Elements[0]);
                if (IsStamp(l0, rule, settings, out a, out memberA)
                    && IsStamp(r0, rule, settings, out b, out memberB)
                    && SymbolEqualityComparer.Default.Equals(memberA, memberB)
                    && !SameValue(a, b, 0))
                {
                    var tieBroken = false;
                    for (var i = 1; i < left.Elements.Length; i++)
                    {
                        if (MemberRead(LocalFlow.Unwrap(left.Elements[i]), out var li, out var lm)
                            && MemberRead(LocalFlow.Unwrap(right.Elements[i]), out var ri, out var rm)
                            && SymbolEqualityComparer.Default.Equals(lm, rm)
                            && !SymbolEqualityComparer.Default.Equals(lm, memberA)
                            && SameValue(li, a, 0) && SameValue(ri, b, 0))
                        {
                            tieBroken = true;
                        }
                    }

                    return new CompareCall(a!, b!, memberA!, l0, r0, tieBroken, false);
                }
            }

            return null;
        }

        /// <summary>Whether <paramref name="op"/> compares another member (not the stamp) of the same two values: a tie-breaker.</summary>
        private static bool IsOtherMemberComparison(IOperation op, StampComparison stamp)
        {
            IOperation? first = null;
            IOperation? second = null;
            switch (op)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } binary:
                    first = binary.LeftOperand;
                    second = binary.RightOperand;
                    break;
                case IInvocationOperation { TargetMethod.Name: "CompareTo", Instance: { } instance, Arguments.Length: 1 } call:
                    first = instance;
                    second = call.Arguments[0].Value;
                    break;
                case IInvocationOperation { TargetMethod: { IsStatic: true } method, Arguments.Length: >= 2 } call
                    when method.Name.StartsWith("Compare", System.StringComparison.Ordinal):
                    first = call.Arguments[0].Value;
                    second = call.Arguments[1].Value;
                    break;
            }

            if (first is null || second is null)
            {
                return false;
            }

            if (!MemberRead(LocalFlow.Unwrap(first), out var fi, out var fm) || !MemberRead(LocalFlow.Unwrap(second), out var si, out var sm)
                || !SymbolEqualityComparer.Default.Equals(fm, sm) || SymbolEqualityComparer.Default.Equals(fm, stamp.Member))
            {
                return false;
            }

            return (SameValue(fi, stamp.Left, 0) && SameValue(si, stamp.Right, 0)) || (SameValue(fi, stamp.Right, 0) && SameValue(si, stamp.Left, 0));
        }

        private static bool SamePair(StampComparison a, StampComparison b) =>
            SymbolEqualityComparer.Default.Equals(a.Member, b.Member)
            && ((SameValue(a.Left, b.Left, 0) && SameValue(a.Right, b.Right, 0)) || (SameValue(a.Left, b.Right, 0) && SameValue(a.Right, b.Left, 0)));

        // ---------------------------------------------------------------- LINQ picks

        private static void OnInvocation(OperationSite context, Rule rule)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method is null || context.ContainingSymbol is not { } containing)
            {
                return;
            }

            // The method name first: one in a hundred calls is a pick, and a string comparison is cheaper than the names of the context.
            var name = method.Name;
            if (name is not ("OrderBy" or "OrderByDescending" or "MaxBy" or "MinBy" or "Max") || invocation.Arguments.Length != 2
                || !MayBeInScope(containing, invocation.Syntax.SyntaxTree, rule) || !IsEnumerable(method, rule))
            {
                return;
            }

            if (Lambda(invocation.Arguments[1].Value) is not { } lambda || lambda.Symbol.Parameters.Length != 1
                || ReturnedValue(lambda) is not { } key)
            {
                return;
            }

            var settings = rule.Options.Get(invocation.Syntax.SyntaxTree);
            var parameter = lambda.Symbol.Parameters[0];
            IOperation? stampRead = null;
            ISymbol? stampMember = null;
            var tieBroken = false;
            var unwrappedKey = LocalFlow.Unwrap(key);
            if (IsStamp(unwrappedKey, rule, settings, out var value, out var member) && IsParameter(value, parameter))
            {
                stampRead = unwrappedKey;
                stampMember = member;
            }
            else if (unwrappedKey is ITupleOperation tuple && tuple.Elements.Length >= 1
                && IsStamp(LocalFlow.Unwrap(tuple.Elements[0]), rule, settings, out value, out member) && IsParameter(value, parameter))
            {
                stampRead = LocalFlow.Unwrap(tuple.Elements[0]);
                stampMember = member;
                for (var i = 1; i < tuple.Elements.Length; i++)
                {
                    if (MemberRead(LocalFlow.Unwrap(tuple.Elements[i]), out var instance, out var m) && IsParameter(instance, parameter)
                        && !SymbolEqualityComparer.Default.Equals(m, member))
                    {
                        tieBroken = true;
                    }
                }
            }

            if (stampRead is null || stampMember is null)
            {
                return;
            }

            switch (name)
            {
                case "OrderBy":
                case "OrderByDescending":
                    if (!PicksAfterOrdering(invocation, rule, ref tieBroken))
                    {
                        return;
                    }

                    break;
                case "Max":
                    if (!MaxPicks(invocation, stampMember))
                    {
                        return;
                    }

                    break;
            }

            var sourceName = SourceName(invocation.Arguments[0].Value, rule, 0);
            if (!settings.PickSources.CarriedBy(sourceName) && !Contexts.AnyMemberNameCarries(containing, settings.PickMethods))
            {
                return;
            }

            if (!InScope(containing, invocation.Syntax.SyntaxTree, rule, settings) || VectorClockTotalOrderAnalyzer.MethodNameLocation(invocation) is not { } location)
            {
                return;
            }

            Report(context, rule, settings, location, stampMember, parameter.Type, tieBroken, false, new[] { stampRead });
        }

        private static bool PicksAfterOrdering(IInvocationOperation ordering, Rule rule, ref bool tieBroken)
        {
            var current = ordering;
            for (var i = 0; i < MaxChain; i++)
            {
                IOperation up = current;
                while (up.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    up = up.Parent;
                }

                if (up.Parent is not IArgumentOperation argument || argument.Parent is not IInvocationOperation next
                    || next.Arguments.Length == 0 || next.Arguments[0] != argument || next.TargetMethod is not { } method || !IsEnumerable(method, rule))
                {
                    return false;
                }

                switch (method.Name)
                {
                    case "ThenBy":
                    case "ThenByDescending":
                        tieBroken = true;
                        current = next;
                        continue;
                    case "First":
                    case "FirstOrDefault":
                    case "Last":
                    case "LastOrDefault":
                    case "Single":
                    case "SingleOrDefault":
                        return true;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary><c>Max(v =&gt; v.T)</c> picks when its result is tested for equality with the same stamp (<c>v.T == latest</c>).</summary>
        private static bool MaxPicks(IInvocationOperation max, ISymbol member)
        {
            IOperation current = max;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals)
            {
                var other = equals.LeftOperand == current ? equals.RightOperand : equals.LeftOperand;
                return MemberRead(LocalFlow.Unwrap(other), out _, out var m) && SymbolEqualityComparer.Default.Equals(m, member);
            }

            if (current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                foreach (var read in LocalFlow.IndexFor(max).ReadsOf(declarator.Symbol))
                {
                    IOperation r = read;
                    while (r.Parent is IConversionOperation or IParenthesizedOperation)
                    {
                        r = r.Parent;
                    }

                    if (r.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } eq)
                    {
                        var other = eq.LeftOperand == r ? eq.RightOperand : eq.LeftOperand;
                        if (MemberRead(LocalFlow.Unwrap(other), out _, out var m) && SymbolEqualityComparer.Default.Equals(m, member))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>The name of a pick's source: a local, parameter, field, property or method, through other LINQ calls.</summary>
        private static string? SourceName(IOperation source, Rule rule, int depth)
        {
            if (depth > MaxChain)
            {
                return null;
            }

            switch (LocalFlow.Unwrap(source))
            {
                case ILocalReferenceOperation local:
                    return local.Local.Name;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.Name;
                case IFieldReferenceOperation field:
                    return field.Field.Name;
                case IPropertyReferenceOperation property:
                    return property.Property.Name;
                case IInvocationOperation { TargetMethod: { } method } invocation:
                    if (IsEnumerable(method, rule) && invocation.Arguments.Length > 0)
                    {
                        return SourceName(invocation.Arguments[0].Value, rule, depth + 1);
                    }

                    return method.Name;
                default:
                    return null;
            }
        }

        private static bool IsEnumerable(IMethodSymbol method, Rule rule) =>
            rule.Enumerable is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, rule.Enumerable);

        private static IAnonymousFunctionOperation? Lambda(IOperation value)
        {
            var op = LocalFlow.Unwrap(value);
            if (op is IDelegateCreationOperation creation)
            {
                op = LocalFlow.Unwrap(creation.Target);
            }

            return op as IAnonymousFunctionOperation;
        }

        private static IOperation? ReturnedValue(IAnonymousFunctionOperation lambda)
        {
            var body = lambda.Body;
            if (body is null || body.Operations.Length == 0)
            {
                return null;
            }

            return body.Operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;
        }

        private static bool IsParameter(IOperation? value, IParameterSymbol parameter) =>
            value is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);

        // ---------------------------------------------------------------- shared

        /// <summary>Merge context, no test double, not inside a DIST104 vector-clock type.</summary>
        private static bool InScope(ISymbol containing, SyntaxTree tree, Rule rule, Settings settings) =>
            (Contexts.AnyMemberNameCarries(containing, settings.MergeMembers) || Contexts.AnyTypeOrNamespaceNameCarries(containing, settings.MergeTypes))
            && !Contexts.IsInsideTestDouble(containing, settings.TestDoubles)
            && !rule.Clocks.IsInsideVectorClock(containing, rule.ClockWords.Get(tree));

        private static void Report(
            OperationSite context,
            Rule rule,
            Settings settings,
            Location location,
            ISymbol member,
            ITypeSymbol? comparedType,
            bool tieBroken,
            bool notFixable,
            IEnumerable<IOperation> reads)
        {
            var lww = InsideLwwType(context.ContainingSymbol, settings);
            if (lww && tieBroken)
            {
                return;
            }

            string why;
            if (lww)
            {
                why = "equal stamps leave the winner to arrival order, so replicas diverge; add a deterministic tie-breaker such as the node id";
            }
            else if (tieBroken)
            {
                why = "the tie-breaker only settles equal stamps, clock skew still lets an older write win; order by a logical version, a version vector or a hybrid logical clock";
            }
            else
            {
                why = "clock skew lets an older write win and equal stamps leave the winner to arrival order; use a version vector, or a hybrid logical clock with a deterministic tie-breaker";
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            var additional = new List<Location>(4);
            if (!lww && tieBroken && !notFixable && context.ContainingSymbol is { } containing && VersionMember(comparedType, containing, rule, settings) is { } version)
            {
                foreach (var read in reads)
                {
                    if (NameNode(read.Syntax) is { } nameNode)
                    {
                        additional.Add(nameNode.GetLocation());
                    }
                    else
                    {
                        additional.Clear();
                        break;
                    }
                }

                if (additional.Count > 0)
                {
                    properties = properties.Add(VersionMemberProperty, version);
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST102_LastWriteWinsByWallClock, location, additional, properties, member.Name, why));
        }

        private static SimpleNameSyntax? NameNode(SyntaxNode syntax) => syntax switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            IdentifierNameSyntax identifier => identifier,
            _ => null,
        };

        private static bool InsideLwwType(ISymbol? symbol, Settings settings)
        {
            for (var s = symbol; s is not null; s = s.ContainingSymbol)
            {
                if (s is INamedTypeSymbol type && settings.Lww.CarriedBy(type.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The one integer member of the compared type named as a <c>version_member_words</c> entry, or null.</summary>
        private static string? VersionMember(ITypeSymbol? type, ISymbol containing, Rule rule, Settings settings)
        {
            if (type is not INamedTypeSymbol named)
            {
                return null;
            }

            var within = Contexts.ContainingType(containing);
            string? found = null;
            for (var t = named; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var m in t.GetMembers())
                {
                    if (m.IsStatic || m.IsImplicitlyDeclared)
                    {
                        continue;
                    }

                    var memberType = m switch
                    {
                        IFieldSymbol field => field.Type,
                        IPropertySymbol { IsIndexer: false, IsWriteOnly: false } property => property.Type,
                        _ => null,
                    };
                    if (!VectorClocks.IsInteger(memberType) || !settings.VersionMembers.Matches(m.Name, WordMatch.Named))
                    {
                        continue;
                    }

                    if (found is not null || (within is not null && !rule.Compilation.IsSymbolAccessibleWithin(m, within)))
                    {
                        return null;
                    }

                    found = m.Name;
                }
            }

            return found;
        }

        /// <summary>A wall-clock stamp read: a <c>DateTime</c>/<c>DateTimeOffset</c> member, or a <c>long</c> member carrying a <c>stamp_words</c> word; never a <c>logical_words</c> name.</summary>
        private static bool IsStamp(IOperation? op, Rule rule, Settings settings, out IOperation? value, out ISymbol? member)
        {
            value = null;
            member = null;
            if (op is null || !MemberRead(LocalFlow.Unwrap(op), out value, out member) || member is null)
            {
                return false;
            }

            var type = member switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                _ => null,
            };
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type is null || settings.Logical.CarriedBy(member.Name))
            {
                return false;
            }

            if (Is(type, rule.DateTime) || Is(type, rule.DateTimeOffset))
            {
                return true;
            }

            return type.SpecialType == SpecialType.System_Int64 && settings.Stamps.CarriedBy(member.Name);
        }

        /// <summary>An instance field or (non-indexer) property read: its instance and member.</summary>
        private static bool MemberRead(IOperation op, out IOperation? instance, out ISymbol? member)
        {
            instance = null;
            member = null;
            switch (op)
            {
                case IFieldReferenceOperation { Field.IsStatic: false, Instance: { } i } field:
                    instance = i;
                    member = field.Field.OriginalDefinition;
                    return true;
                case IPropertyReferenceOperation { Property: { IsStatic: false, IsIndexer: false }, Instance: { } i } property:
                    instance = i;
                    member = property.Property.OriginalDefinition;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Whether two instance expressions denote the same value (same local, parameter, <c>this</c>, or member of one).</summary>
        private static bool SameValue(IOperation? a, IOperation? b, int depth)
        {
            if (a is null || b is null || depth > 8)
            {
                return false;
            }

            a = LocalFlow.Unwrap(a);
            b = LocalFlow.Unwrap(b);
            switch (a)
            {
                case ILocalReferenceOperation la:
                    return b is ILocalReferenceOperation lb && SymbolEqualityComparer.Default.Equals(la.Local, lb.Local);
                case IParameterReferenceOperation pa:
                    return b is IParameterReferenceOperation pb && SymbolEqualityComparer.Default.Equals(pa.Parameter, pb.Parameter);
                case IInstanceReferenceOperation:
                    return b is IInstanceReferenceOperation;
                case IFieldReferenceOperation fa:
                    return b is IFieldReferenceOperation fb && SymbolEqualityComparer.Default.Equals(fa.Field, fb.Field)
                        && (fa.Instance is null ? fb.Instance is null : SameValue(fa.Instance, fb.Instance, depth + 1));
                case IPropertyReferenceOperation { Property.IsIndexer: false } pra:
                    return b is IPropertyReferenceOperation prb && SymbolEqualityComparer.Default.Equals(pra.Property, prb.Property)
                        && (pra.Instance is null ? prb.Instance is null : SameValue(pra.Instance, prb.Instance, depth + 1));
                default:
                    return a.Syntax.IsEquivalentTo(b.Syntax, topLevel: false);
            }
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type, known);
    }
}
