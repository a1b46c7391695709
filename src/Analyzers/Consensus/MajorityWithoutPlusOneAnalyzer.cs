using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Consensus
{
    /// <summary>
    /// DIST302: a "majority" computed as half (<c>n / 2</c>, <c>n &gt;&gt; 1</c>, <c>(n + 1) / 2</c>,
    /// <c>Math.Ceiling(n / 2.0)</c>, <c>(int)Math.Round(n / 2.0)</c>), a vote count compared with <c>&gt;=</c> half,
    /// or read and write quorums that need not intersect.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MajorityWithoutPlusOneAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: <see cref="QuorumForm"/> or <see cref="VoteForm"/>.</summary>
        public const string FormProperty = "Form";

        /// <summary>Diagnostic property: the type to cast <c>n / 2 + 1</c> to, when the replaced expression had a narrowing cast.</summary>
        public const string CastProperty = "Cast";

        public const string QuorumForm = "Quorum";
        public const string VoteForm = "Vote";

        public static readonly RuleOption<WordList> QuorumWords = RuleOptions.Words(
            "quorum_words", "Quorum, Majority, VotesNeeded, RequiredVotes, RequiredAcks");

        public static readonly RuleOption<WordList> VoteCountWords = RuleOptions.Words("vote_count_words", "Votes, Acks, Grants");

        public static readonly RuleOption<WordList> MemberCollectionWords = RuleOptions.Words(
            "member_collection_words", "Peers, Members, Nodes, Replicas, Voters, Acceptors");

        private static readonly WordList ReadWords = WordList.Parse("Read");
        private static readonly WordList WriteWords = WordList.Parse("Write");
        private static readonly WordList QuorumWord = WordList.Parse("Quorum");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.DIST302_MajorityWithoutPlusOne);

        public override IEnumerable<RuleOption> Options => new RuleOption[]
        {
            QuorumWords, VoteCountWords, MemberCollectionWords, QuorumNames.SizeWords, QuorumNames.ConsensusSizeWords,
            QuorumNames.NonSizeWords, RuleOptions.TestDoubleWords,
        };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var options = new OptionsCache<Settings>(context.Options, DiagnosticIds.MajorityWithoutPlusOne, r => new Settings(r));

            // Every diagnostic needs a name carrying a quorum_words entry (Store: the quorum stored, also for R/W
            // pairs) or a vote_count_words entry (Comparison: the votes compared), with the file's configured words,
            // written as an identifier in the member that stores or compares (a getter's property, a method's name
            // for its returns). An explicitly implemented property is named after its interface, which need not be
            // written (`using Q = Ns.IQuorum;` … `int Q.Size`): its declaration counts as an anchor too.
            var gate = new TreeGate(this, (tree, text, anchors) =>
            {
                var settings = options.Get(tree);
                TypeText.AddWrittenNames(anchors, settings.QuorumWords, settings.VoteCountWords);
                TypeText.AddExplicitProperties(tree, anchors);
            });

            // Half forms stored or compared: only the members that write such a name are searched (one semantic-model
            // action per file), whatever their type.
            var members = new TypeAnalysis(null, symbols.Math, options, gate, context.Compilation);
            AnchoredOperations.RegisterInAnchoredMembers(
                context,
                this,
                gate,
                site =>
                {
                    if (site.Operation.Kind == OperationKind.Binary)
                    {
                        members.Comparison(site);
                    }
                    else
                    {
                        members.Store(site);
                    }
                },
                OperationKind.FieldInitializer,
                OperationKind.PropertyInitializer,
                OperationKind.VariableDeclarator,
                OperationKind.SimpleAssignment,
                OperationKind.Return,
                OperationKind.Binary);

            // Read and write quorums are judged as a pair of one type, at its end: only a type whose declarations write
            // a name carrying Read or Write with Quorum (or an explicitly implemented property) registers, for them alone,
            // and only in a compilation where some file writes one (most write none: the per-type callback is skipped).
            var pairs = new TreeGate(this, (tree, _, anchors) =>
            {
                anchors.AddNames(ReadWriteQuorumNames);
                TypeText.AddExplicitProperties(tree, anchors);
            });
            if (!pairs.AllowsAnyTree(context.Compilation, context.CancellationToken))
            {
                return;
            }

            context.RegisterSymbolStartAction(
                start =>
                {
                    if (start.Symbol is not INamedTypeSymbol type || !pairs.AllowsAnyDeclaration(type))
                    {
                        return;
                    }

                    var typeAnalysis = new TypeAnalysis(type, symbols.Math, options, gate, start.Compilation);
                    start.RegisterOperationAction(
                        c => typeAnalysis.Store(OperationSite.From(c)),
                        OperationKind.FieldInitializer,
                        OperationKind.PropertyInitializer,
                        OperationKind.VariableDeclarator,
                        OperationKind.SimpleAssignment,
                        OperationKind.Return);
                    start.RegisterSymbolEndAction(typeAnalysis.End);
                },
                SymbolKind.NamedType);
        }

        /// <summary>Names of read and write quorums (<c>ReadQuorum</c>, <c>write_quorum_size</c>): the pair form's names.</summary>
        private static readonly WordList ReadWriteQuorumNames = WordList.Parse("Read+Quorum, Write+Quorum");

        private enum HalfKind
        {
            Half,
            PlusOneHalf,
            Ceiling,
            Round,
        }

        private sealed class Settings
        {
            public Settings(OptionReader reader)
            {
                QuorumWords = reader.Get(MajorityWithoutPlusOneAnalyzer.QuorumWords);
                VoteCountWords = reader.Get(MajorityWithoutPlusOneAnalyzer.VoteCountWords);
                MemberCollectionWords = reader.Get(MajorityWithoutPlusOneAnalyzer.MemberCollectionWords);
                SizeWords = reader.Get(QuorumNames.SizeWords);
                ConsensusSizeWords = reader.Get(QuorumNames.ConsensusSizeWords);
                NonSizeWords = reader.Get(QuorumNames.NonSizeWords);
                TestDoubleWords = reader.Get(RuleOptions.TestDoubleWords);
            }

            public WordList QuorumWords { get; }

            public WordList VoteCountWords { get; }

            public WordList MemberCollectionWords { get; }

            public WordList SizeWords { get; }

            public WordList ConsensusSizeWords { get; }

            public WordList NonSizeWords { get; }

            public WordList TestDoubleWords { get; }
        }

        /// <summary>A half form: the operation (outermost, with casts), its core, n, and its kind.</summary>
        private readonly struct Half
        {
            public Half(IOperation outer, IOperation n, HalfKind kind)
            {
                Outer = outer;
                N = n;
                Kind = kind;
            }

            public IOperation Outer { get; }

            public IOperation N { get; }

            public HalfKind Kind { get; }
        }

        /// <summary>A read or write quorum stored in the type, kept until the type's end to pair R with W.</summary>
        private sealed class Candidate
        {
            public Candidate(string name, bool isRead, IOperation value, ISymbol? nSymbol, long? nConstant, Half? half)
            {
                Name = name;
                IsRead = isRead;
                Value = value;
                NSymbol = nSymbol;
                NConstant = nConstant;
                HalfForm = half;
            }

            public string Name { get; }

            public bool IsRead { get; }

            public IOperation Value { get; }

            public ISymbol? NSymbol { get; }

            public long? NConstant { get; }

            public Half? HalfForm { get; }

        }

        private sealed class TypeAnalysis
        {
            /// <summary>The type whose read and write quorums are collected (null: the anchored search, for every type's other forms).</summary>
            private readonly INamedTypeSymbol? type;
            private readonly INamedTypeSymbol? math;
            private readonly OptionsCache<Settings> options;
            private readonly TreeGate names;
            private readonly Compilation compilation;
            // A plain list under a lock, created on the first read/write quorum (most types have none).
            private readonly object gate = new object();
            private List<Candidate>? candidates;

            public TypeAnalysis(INamedTypeSymbol? type, INamedTypeSymbol? math, OptionsCache<Settings> options, TreeGate names, Compilation compilation)
            {
                this.type = type;
                this.math = math;
                this.options = options;
                this.names = names;
                this.compilation = compilation;
            }

            public void Store(OperationSite context)
            {
                // The name stored to (a field, property, local or parameter, a local function or method for its
                // returns) is written in the member; an explicitly implemented getter's name is its interface's.
                if ((!names.AllowsMemberOf(context.Operation, context.ContainingSymbol) && !IsExplicitPropertyAccessor(context.ContainingSymbol))
                    || !InThisType(context.ContainingSymbol))
                {
                    return;
                }

                var (name, value) = context.Operation switch
                {
                    IFieldInitializerOperation f when f.InitializedFields.Length > 0 => (f.InitializedFields[0].Name, f.Value),
                    IPropertyInitializerOperation p when p.InitializedProperties.Length > 0 => (p.InitializedProperties[0].Name, p.Value),
                    IVariableDeclaratorOperation d => (d.Symbol.Name, d.Initializer?.Value),
                    ISimpleAssignmentOperation a => (TargetName(a.Target), a.Value),
                    IReturnOperation r => (ReturnOwnerName(r, context.ContainingSymbol), r.ReturnedValue),
                    _ => ((string?)null, (IOperation?)null),
                };
                if (name is null || value is null || value.Syntax is null)
                {
                    return;
                }

                var settings = options.Get(value.Syntax.SyntaxTree);
                if (!settings.QuorumWords.MayMatch(name))
                {
                    return;
                }

                var words = Words.Split(name);
                if (!settings.QuorumWords.Matches(words, WordMatch.Carries) || settings.NonSizeWords.Matches(words, WordMatch.Carries))
                {
                    return;
                }

                if (Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubleWords))
                {
                    return;
                }

                // A value copied from a local that is itself a quorum name was reported at that local.
                if (LocalFlow.Unwrap(value) is ILocalReferenceOperation copy && settings.QuorumWords.CarriedBy(copy.Local.Name))
                {
                    return;
                }

                // Read and write quorums are collected by their type's own analysis; the other forms by the anchored search.
                var isRead = ReadWords.Matches(words, WordMatch.Carries) && QuorumWord.Matches(words, WordMatch.Carries);
                var isWrite = WriteWords.Matches(words, WordMatch.Carries) && QuorumWord.Matches(words, WordMatch.Carries);
                if (isRead || isWrite)
                {
                    if (type is not null)
                    {
                        CollectReadWrite(name, isRead, value, settings);
                    }

                    return;
                }

                if (type is not null)
                {
                    return;
                }

                // var majority = n / 2; … votes > majority: the local is the bound that votes must exceed, the spec's
                // `count > n / 2` written through a local (the "majority element" check, a kick vote).
                var local = context.Operation switch
                {
                    IVariableDeclaratorOperation d => d.Symbol,
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation l } => l.Local,
                    _ => null,
                };
                if (local is not null && OnlyStrictlyExceeded(local, context.Operation))
                {
                    return;
                }

                if (TracesToHalf(value, settings, out var half))
                {
                    Report(context, half, half.Outer.Syntax, FormatQuorumMessage(name, half));
                }
            }

            /// <summary>
            /// Whether <paramref name="value"/> is exactly a half (<see cref="MatchHalf"/>), through locals; a method of
            /// its own, so its closure is made only when a value gets this far, not on entry to every callback.
            /// </summary>
            private bool TracesToHalf(IOperation value, Settings settings, out Half half)
            {
                Half? found = null;
                var traced = LocalFlow.TracesExactly(value, op => MatchHalf(op, settings, out var h) && (found = h) is not null, out _);
                half = found.GetValueOrDefault();
                return traced && found is not null;
            }

            /// <summary>Every read of <paramref name="local"/> is the bound of a strict comparison: <c>x &gt; local</c> or <c>local &lt; x</c>.</summary>
            private static bool OnlyStrictlyExceeded(ILocalSymbol local, IOperation anyOperationInMember)
            {
                var index = LocalFlow.IndexFor(anyOperationInMember);
                if (index.IsUntracked(local))
                {
                    return false;
                }

                var reads = index.ReadsOf(local);
                if (reads.Count == 0)
                {
                    return false;
                }

                foreach (var read in reads)
                {
                    IOperation current = read;
                    for (var depth = 0; depth < 8 && current.Parent is IConversionOperation or IParenthesizedOperation; depth++)
                    {
                        current = current.Parent!;
                    }

                    if (current.Parent is not IBinaryOperation binary
                        || !((binary.OperatorKind == BinaryOperatorKind.GreaterThan && binary.RightOperand == current)
                            || (binary.OperatorKind == BinaryOperatorKind.LessThan && binary.LeftOperand == current)))
                    {
                        return false;
                    }
                }

                return true;
            }

            public void Comparison(OperationSite context)
            {
                var binary = (IBinaryOperation)context.Operation;

                // The votes compared are named in the member (a local, parameter, field, property or collection).
                if (binary.OperatorKind != BinaryOperatorKind.GreaterThanOrEqual
                    || !names.AllowsMemberOf(binary, context.ContainingSymbol)
                    || !InThisType(context.ContainingSymbol))
                {
                    return;
                }

                var settings = options.Get(binary.Syntax.SyntaxTree);
                if (!IsVoteCount(binary.LeftOperand, settings) || Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubleWords))
                {
                    return;
                }

                if (!TracesToHalf(binary.RightOperand, settings, out var half) || !IsClusterSize(half.N, settings))
                {
                    return;
                }

                var left = binary.LeftOperand.Syntax.ToString();
                var n = Display(half.N);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, VoteForm);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DIST302_MajorityWithoutPlusOne,
                    binary.Syntax.GetLocation(),
                    new[] { binary.LeftOperand.Syntax.GetLocation(), half.N.Syntax.GetLocation() },
                    properties,
                    $"'{binary.Syntax}' accepts a tie: half of {n} is not a majority; require {left} > {n} / 2"));
            }

            public void End(SymbolAnalysisContext context)
            {
                Candidate[] list;
                lock (gate)
                {
                    if (candidates is null)
                    {
                        return;
                    }

                    list = candidates.ToArray();
                }

                var reported = new HashSet<Candidate>();
                foreach (var read in list)
                {
                    if (!read.IsRead)
                    {
                        continue;
                    }

                    foreach (var write in list)
                    {
                        if (write.IsRead || !SameN(read, write) || !MayNotIntersect(read, write))
                        {
                            continue;
                        }

                        foreach (var c in new[] { read, write })
                        {
                            if (c.HalfForm is { } half && reported.Add(c))
                            {
                                var n = Display(half.N);
                                var message = $"'{read.Name}' + '{write.Name}' can be at most {n}: read and write quorums of {n} need R + W > {n} to intersect; '{half.Outer.Syntax}' is half, use {n} / 2 + 1";
                                context.ReportOutsideGeneratedCode(CreateDiagnostic(half, half.Outer.Syntax, message, compilation));
                            }
                        }
                    }
                }
            }

            /// <summary>Whether <paramref name="containing"/> is an accessor of an explicitly implemented property (named after its interface).</summary>
            private static bool IsExplicitPropertyAccessor(ISymbol? containing) =>
                containing is IMethodSymbol { AssociatedSymbol: IPropertySymbol { ExplicitInterfaceImplementations.IsEmpty: false } };

            private bool InThisType(ISymbol? containing) =>
                type is null || SymbolEqualityComparer.Default.Equals(Contexts.ContainingType(containing), type);

            private void CollectReadWrite(string name, bool isRead, IOperation value, Settings settings)
            {
                Half? half = MatchHalf(value, settings, out var h) ? h : (Half?)null;
                ISymbol? nSymbol;
                long? nConstant = null;
                if (half is { } hf)
                {
                    nSymbol = ReferencedSymbol(hf.N);
                    if (nSymbol is null && ConstantEvaluator.TryGetInteger(hf.N, out var c))
                    {
                        nConstant = c;
                    }
                }
                else
                {
                    nSymbol = SingleReferencedSymbol(value);
                }

                if (nSymbol is null && nConstant is null)
                {
                    return;
                }

                lock (gate)
                {
                    (candidates ??= new List<Candidate>()).Add(new Candidate(name, isRead, value, nSymbol, nConstant, half));
                }
            }

            private static bool SameN(Candidate a, Candidate b)
            {
                if (a.NSymbol is not null || b.NSymbol is not null)
                {
                    return SymbolEqualityComparer.Default.Equals(a.NSymbol, b.NSymbol);
                }

                return a.NConstant == b.NConstant;
            }

            /// <summary>R + W ≤ n for the constant n, or for some n in 1..64 when n is not constant.</summary>
            private static bool MayNotIntersect(Candidate read, Candidate write)
            {
                long from = 1, to = 64;
                if (read.NConstant is { } constant)
                {
                    from = to = constant;
                }

                for (var n = from; n <= to; n++)
                {
                    var r = Evaluator.Evaluate(read.Value, read.NSymbol, n, 0);
                    var w = Evaluator.Evaluate(write.Value, write.NSymbol, n, 0);
                    if (r is null || w is null)
                    {
                        return false;
                    }

                    if (r.Value + w.Value <= n)
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool MatchHalf(IOperation operation, Settings settings, out Half half)
            {
                half = default;
                var outer = operation;
                var core = LocalFlow.Unwrap(operation);
                IOperation? n = null;
                HalfKind kind;
                switch (core)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } div when IsConstant(div.RightOperand, 2) && QuorumNames.IsInteger(div.Type):
                        var left = LocalFlow.Unwrap(div.LeftOperand);
                        if (left is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add && (IsConstant(add.RightOperand, 1) || IsConstant(add.LeftOperand, 1)))
                        {
                            n = IsConstant(add.RightOperand, 1) ? add.LeftOperand : add.RightOperand;
                            kind = HalfKind.PlusOneHalf;
                        }
                        else if (left is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } offset
                            && (offset.LeftOperand.ConstantValue.HasValue || offset.RightOperand.ConstantValue.HasValue))
                        {
                            return false; // (n + 2) / 2, (n - 1) / 2: other values, not the listed half forms
                        }
                        else
                        {
                            n = div.LeftOperand;
                            kind = HalfKind.Half;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.RightShift } shift when IsConstant(shift.RightOperand, 1):
                        n = shift.LeftOperand;
                        kind = HalfKind.Half;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Ceiling" or "Round", Arguments.Length: >= 1 } call when IsMath(call.TargetMethod.ContainingType):
                        if (call.TargetMethod.Name == "Ceiling" && call.Arguments.Length != 1)
                        {
                            return false;
                        }

                        if (call.TargetMethod.Name == "Round" && call.Arguments.Length == 2 && QuorumNames.IsInteger(call.Arguments[1].Value.Type))
                        {
                            return false; // Math.Round(x, digits)
                        }

                        if (LocalFlow.Unwrap(call.Arguments[0].Value) is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } real || !IsConstant(real.RightOperand, 2))
                        {
                            return false;
                        }

                        n = real.LeftOperand;
                        kind = call.TargetMethod.Name == "Ceiling" ? HalfKind.Ceiling : HalfKind.Round;
                        break;
                    default:
                        return false;
                }

                n = LocalFlow.Unwrap(n);
                if (!QuorumNames.IsInteger(n.Type) || n.Syntax is null)
                {
                    return false;
                }

                if ((kind == HalfKind.PlusOneHalf || kind == HalfKind.Ceiling) && ConstantEvaluator.TryGetInteger(n, out var c) && c % 2 != 0)
                {
                    return false;
                }

                var nName = NameOf(n);
                if (nName is not null && settings.NonSizeWords.CarriedBy(nName))
                {
                    return false;
                }

                half = new Half(Outermost(outer), n, kind);
                return true;
            }

            /// <summary>n as written, parenthesized when it is not a primary expression (for messages).</summary>
            private static string Display(IOperation n) =>
                n.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax
                    ? n.Syntax.ToString()
                    : "(" + n.Syntax + ")";

            private static IOperation Outermost(IOperation operation)
            {
                var current = operation;
                while (current.Parent is IConversionOperation { IsImplicit: false } or IParenthesizedOperation)
                {
                    current = current.Parent;
                }

                return current;
            }

            private bool IsMath(INamedTypeSymbol? containing) =>
                math is not null && SymbolEqualityComparer.Default.Equals(containing, math);

            private static bool IsConstant(IOperation operation, long value) =>
                ConstantEvaluator.TryGetNumber(operation, out var v) && v == value;

            private bool IsVoteCount(IOperation left, Settings settings)
            {
                var op = LocalFlow.Unwrap(left);
                if (NameOf(op) is { } name && settings.VoteCountWords.CarriedBy(name))
                {
                    return true;
                }

                return CollectionOfCount(op) is { } collection && NameOf(collection) is { } collectionName && settings.VoteCountWords.CarriedBy(collectionName);
            }

            private static bool IsClusterSize(IOperation n, Settings settings)
            {
                var name = NameOf(n);
                if (name is not null && QuorumNames.IsSizeName(name, settings.SizeWords, settings.ConsensusSizeWords, settings.NonSizeWords, inConsensusContext: true))
                {
                    return true;
                }

                return CollectionOfCount(n) is { } collection
                    && NameOf(collection) is { } collectionName
                    && settings.MemberCollectionWords.Matches(collectionName, WordMatch.EndsWith)
                    && !settings.NonSizeWords.CarriedBy(collectionName);
            }

            /// <summary>For <c>x.Count</c>, <c>x.Length</c> or <c>x.Count()</c>, the operation for x.</summary>
            private static IOperation? CollectionOfCount(IOperation op)
            {
                switch (op)
                {
                    case IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "LongLength" } p when p.Instance is not null:
                        return LocalFlow.Unwrap(p.Instance);
                    case IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" } call:
                        if (call.Instance is not null && call.Arguments.Length == 0)
                        {
                            return LocalFlow.Unwrap(call.Instance);
                        }

                        if (call.TargetMethod.IsExtensionMethod && call.Arguments.Length == 1)
                        {
                            return LocalFlow.Unwrap(call.Arguments[0].Value);
                        }

                        return null;
                    default:
                        return null;
                }
            }

            private static string? NameOf(IOperation op) => ReferencedSymbol(op)?.Name;

            private static ISymbol? ReferencedSymbol(IOperation op) => LocalFlow.Unwrap(op) switch
            {
                IFieldReferenceOperation f => f.Field,
                IPropertyReferenceOperation p when p.Arguments.Length == 0 => p.Property,
                ILocalReferenceOperation l => l.Local,
                IParameterReferenceOperation p => p.Parameter,
                _ => null,
            };

            /// <summary>The one variable an expression reads (n in <c>n / 2 + 1</c>), or null when there are none or several.</summary>
            private static ISymbol? SingleReferencedSymbol(IOperation value)
            {
                ISymbol? found = null;
                var budget = 64;
                foreach (var op in value.DescendantsAndSelf())
                {
                    if (--budget < 0)
                    {
                        return null;
                    }

                    if (op.ConstantValue.HasValue)
                    {
                        continue;
                    }

                    var symbol = op switch
                    {
                        IFieldReferenceOperation f => f.Field,
                        IPropertyReferenceOperation p => p.Property,
                        ILocalReferenceOperation l => l.Local,
                        IParameterReferenceOperation p => (ISymbol)p.Parameter,
                        _ => null,
                    };
                    if (symbol is null)
                    {
                        continue;
                    }

                    if (found is not null && !SymbolEqualityComparer.Default.Equals(found, symbol))
                    {
                        return null;
                    }

                    found = symbol;
                }

                return found;
            }

            private static string? TargetName(IOperation target) => target switch
            {
                IFieldReferenceOperation f => f.Field.Name,
                IPropertyReferenceOperation p => p.Property.Name,
                ILocalReferenceOperation l => l.Local.Name,
                IParameterReferenceOperation p => p.Parameter.Name,
                _ => null,
            };

            private static string? ReturnOwnerName(IReturnOperation ret, ISymbol? containing)
            {
                for (var p = ret.Parent; p is not null; p = p.Parent)
                {
                    if (p is IAnonymousFunctionOperation)
                    {
                        return null;
                    }

                    if (p is ILocalFunctionOperation local)
                    {
                        return local.Symbol.Name;
                    }
                }

                return containing switch
                {
                    IMethodSymbol { MethodKind: MethodKind.PropertyGet } getter => getter.AssociatedSymbol?.Name,
                    IMethodSymbol { MethodKind: MethodKind.Ordinary } method => method.Name,
                    _ => null,
                };
            }

            private void Report(OperationSite context, Half half, SyntaxNode location, string message) =>
                context.ReportDiagnostic(CreateDiagnostic(half, location, message, compilation));

            private static Diagnostic CreateDiagnostic(Half half, SyntaxNode location, string message, Compilation compilation)
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, QuorumForm);
                if (half.Outer is IConversionOperation { IsImplicit: false, Type: { } castType } && half.N.Type is { } nType)
                {
                    var promoted = PromotedType(nType, compilation);
                    if (!compilation.ClassifyCommonConversion(promoted, castType).IsImplicit)
                    {
                        properties = properties.Add(CastProperty, castType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                    }
                }

                return Diagnostic.Create(
                    Descriptors.DIST302_MajorityWithoutPlusOne,
                    location.GetLocation(),
                    new[] { half.N.Syntax.GetLocation() },
                    properties,
                    message);
            }

            private static ITypeSymbol PromotedType(ITypeSymbol type, Compilation compilation) => type.SpecialType switch
            {
                SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16 =>
                    compilation.GetSpecialType(SpecialType.System_Int32),
                _ => type,
            };

            private static string FormatQuorumMessage(string name, Half half)
            {
                var n = Display(half.N);
                var why = half.Kind switch
                {
                    HalfKind.Half => $"is half of {n}",
                    HalfKind.PlusOneHalf => $"is half of {n} when {n} is even",
                    HalfKind.Ceiling => $"is half of {n} when {n} is even",
                    _ => $"rounds halves to even (a 5-node cluster gets 2) and is half of {n} when {n} is even",
                };
                return $"'{name}' is '{half.Outer.Syntax}', which {why}, not a majority; a majority of {n} is {n} / 2 + 1";
            }
        }

        /// <summary>Evaluates an integer expression of one variable n (for R + W ≤ n).</summary>
        private static class Evaluator
        {
            public static double? Evaluate(IOperation op, ISymbol? n, long value, int depth)
            {
                if (depth > 16)
                {
                    return null;
                }

                if (op.ConstantValue.HasValue)
                {
                    return ConstantEvaluator.TryGetNumber(op, out var c) ? c : (double?)null;
                }

                switch (op)
                {
                    case IConversionOperation conversion:
                        var inner = Evaluate(conversion.Operand, n, value, depth + 1);
                        return inner is { } v && QuorumNames.IsInteger(conversion.Type) ? Math.Truncate(v) : inner;
                    case IParenthesizedOperation p:
                        return Evaluate(p.Operand, n, value, depth + 1);
                    case IFieldReferenceOperation or IPropertyReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation:
                        var symbol = op switch
                        {
                            IFieldReferenceOperation f => (ISymbol)f.Field,
                            IPropertyReferenceOperation pr => pr.Property,
                            ILocalReferenceOperation l => l.Local,
                            IParameterReferenceOperation pa => pa.Parameter,
                            _ => null,
                        };
                        if (n is not null && SymbolEqualityComparer.Default.Equals(symbol, n))
                        {
                            return value;
                        }

                        return ConstantEvaluator.TryGetNumber(op, out var k) ? k : (double?)null;
                    case IBinaryOperation b:
                        var l2 = Evaluate(b.LeftOperand, n, value, depth + 1);
                        var r2 = Evaluate(b.RightOperand, n, value, depth + 1);
                        if (l2 is not { } a || r2 is not { } c2)
                        {
                            return null;
                        }

                        var integer = QuorumNames.IsInteger(b.Type);
                        return b.OperatorKind switch
                        {
                            BinaryOperatorKind.Add => a + c2,
                            BinaryOperatorKind.Subtract => a - c2,
                            BinaryOperatorKind.Multiply => a * c2,
                            BinaryOperatorKind.Divide when c2 != 0 => integer ? Math.Truncate(a / c2) : a / c2,
                            BinaryOperatorKind.Remainder when c2 != 0 => a % c2,
                            BinaryOperatorKind.RightShift when integer => (long)a >> (int)c2,
                            BinaryOperatorKind.LeftShift when integer => (long)a << (int)c2,
                            _ => null,
                        };
                    case IInvocationOperation call when call.TargetMethod.ContainingType?.Name == "Math" && call.Arguments.Length >= 1:
                        var x = Evaluate(call.Arguments[0].Value, n, value, depth + 1);
                        if (x is not { } xv)
                        {
                            return null;
                        }

                        switch (call.TargetMethod.Name)
                        {
                            case "Ceiling":
                                return Math.Ceiling(xv);
                            case "Floor":
                                return Math.Floor(xv);
                            case "Round" when call.Arguments.Length == 1:
                                return Math.Round(xv);
                            case "Max" or "Min" when call.Arguments.Length == 2:
                                var y = Evaluate(call.Arguments[1].Value, n, value, depth + 1);
                                return y is { } yv ? (call.TargetMethod.Name == "Max" ? Math.Max(xv, yv) : Math.Min(xv, yv)) : (double?)null;
                            default:
                                return null;
                        }

                    default:
                        return null;
                }
            }
        }
    }
}
