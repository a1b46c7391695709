using System;
using System.Collections.Concurrent;
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
    /// DIST305: a timer or delay driven by an election timeout that involves no randomness. Every node with the
    /// same fixed timeout that starts (or hears the last heartbeat) at the same time becomes a candidate at the
    /// same time, and the vote can split again and again; Raft relies on randomized timeouts for liveness.
    /// Whether a member is randomized is decided over the whole type (any assignment to it, or to a field its
    /// getter reads): the timers are found by the anchored member search, and the type's writes are gathered from
    /// its declarations only for a type that holds one.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ElectionTimeoutNotRandomizedAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: the fix form (<see cref="FixTimeSpan"/>, <see cref="FixInt32"/>, <see cref="FixInt64"/>); absent when no fix applies.</summary>
        public const string FixProperty = "Fix";

        public const string FixTimeSpan = "TimeSpan";
        public const string FixInt32 = "Int32";
        public const string FixInt64 = "Int64";

        public static readonly RuleOption<WordList> ElectionTimeoutWords =
            RuleOptions.Words("election_timeout_words", "ElectionTimeout, ElectionDelay, ElectionInterval, ElectionPeriod");

        public static readonly RuleOption<WordList> RandomnessWords = RuleOptions.Words("randomness_words", "Random, Jitter");

        public static readonly RuleOption<WordList> LeaderTimerWords = RuleOptions.Words("leader_timer_words", "Leader, Lease, CheckQuorum, StepDown");

        private const int MaxWalk = 512;
        private static readonly WordList ElectionWords = WordList.Parse("Election, Elector");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DIST305_ElectionTimeoutNotRandomized);

        public override IEnumerable<RuleOption> Options => new RuleOption[] { ElectionTimeoutWords, RandomnessWords, LeaderTimerWords, RuleOptions.TestDoubleWords };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            // Whether any timer type resolves is asked at the first operation found in a member that writes an
            // election-timeout name (below), not here: a compilation with no election word never resolves them.
            var known = new Known(symbols);
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.ElectionTimeoutNotRandomized, reader => new Settings(
                reader.Get(ElectionTimeoutWords),
                reader.Get(RandomnessWords),
                reader.Get(LeaderTimerWords),
                reader.Get(RuleOptions.TestDoubleWords)));
            var otherTypeMembers = new ConcurrentDictionary<(ISymbol, WordList), bool>();

            // Every diagnostic names the election timeout a timer's duration reads (Walk.Election: a name carrying an
            // election_timeout_words entry, with the file's configured words, written as an identifier in the member
            // that holds the timer: a member or method read by name, a parameter, or a local whose assigned values are
            // in the same member); only members that write one are searched.
            var gate = new TreeGate(this, (tree, _, anchors) =>
            {
                var settings = cache.Get(tree);

                // Each distinct stem (Election, Timeout, …) is searched once per file, whichever entry or rule asks
                // first (SourceTexts.Occurrences); an entry stops at its first stem the file lacks.
                TypeText.AddWrittenNames(anchors, settings.ElectionTimeout);
            });

            // Whether a timer found there is randomized is type-wide (any assignment to a member it reads, anywhere in
            // the type): the type's code roots are listed from its declarations once per type, only for a type that holds
            // a candidate (TypeWrites), and walked only where they may write a member the candidate reads
            // (TypeState.WritesOf), instead of a symbol-start registration on every type.
            var options = context.Options;
            var types = new ConcurrentDictionary<INamedTypeSymbol, TypeState>(SymbolEqualityComparer.Default);
            AnchoredOperations.RegisterInAnchoredMembers(
                context,
                this,
                gate,
                site =>
                {
                    if (Contexts.ContainingType(site.ContainingSymbol) is not { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } type
                        || !known.AnyTimer
                        || FindTimer(site, known, cache, type) is not { } candidate)
                    {
                        return;
                    }

                    var compilation = site.Compilation;
                    var cancellationToken = site.CancellationToken;
                    var siteModel = site.Operation.SemanticModel;
                    // Worked out once per type, with this site's token: a cancelled run leaves nothing behind (a Lazy
                    // would keep the exception, and the first site's token, for every later site of the type).
                    // A timer that reads no member of the type (a literal, a constant expression) needs no type-wide data.
                    TypeState? state = null;
                    if (candidate.MembersRead.Count > 0 && !types.TryGetValue(type, out state))
                    {
                        state = types.GetOrAdd(type, TypeWrites(type, siteModel, compilation, options, cancellationToken));
                    }

                    if (IsReported(candidate, state, known, cache, otherTypeMembers, cancellationToken)
                        && !GeneratedSources.IsGeneratedLocation(candidate.Location, options, cancellationToken))
                    {
                        var properties = candidate.Fix is null
                            ? ImmutableDictionary<string, string?>.Empty
                            : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, candidate.Fix);
                        site.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST305_ElectionTimeoutNotRandomized, candidate.Location, properties, candidate.Name));
                    }
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation,
                OperationKind.SimpleAssignment);
        }

        /// <summary>
        /// The code roots in which the computations of <paramref name="type"/>'s own members are, as a symbol-start
        /// registration's operation and operation-block actions on the type would record them (<see cref="WritesIn"/>,
        /// when first asked: <see cref="RecordWrite"/>, <see cref="ComputedMember"/>): the code of each of its declarations outside generated code (where the driver runs no action), each operation
        /// with the member the driver would name as its container (<see cref="CodeRoots.OwnerOf"/>), the blocks as
        /// <see cref="CodeRoots.BlocksOf"/> finds them. A nested type's code is its own type's, not this one's.
        /// </summary>
        private static TypeState TypeWrites(INamedTypeSymbol type, SemanticModel? siteModel, Compilation compilation, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
        {
            // Only the code roots are listed here; each is walked when a member it may write is first asked about
            // (TypeState.WritesOf), most of a type's code never.
            var roots = new List<CodeRoot>();
            var found = new List<SyntaxNode>();
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var tree = reference.SyntaxTree;
                var syntax = reference.GetSyntax(cancellationToken);
                if (syntax is not (TypeDeclarationSyntax or CompilationUnitSyntax) || GeneratedSources.IsGenerated(tree, options))
                {
                    continue;
                }

                found.Clear();
                if (syntax is TypeDeclarationSyntax declaration)
                {
                    foreach (var list in declaration.AttributeLists)
                    {
                        foreach (var attribute in list.Attributes)
                        {
                            found.Add(attribute);
                        }
                    }

                    if (declaration.ParameterList is not null)
                    {
                        CodeRoots.OfPrimaryConstructor(declaration, found);
                    }

                    // The members' code (InFile on the declaration: its members, and its nested types' members, skipped below).
                    CodeRoots.InFile(declaration, found);
                }
                else if (syntax is CompilationUnitSyntax unit && CodeRoots.HasTopLevelStatements(unit))
                {
                    // The top-level statements of the program's implicit type (partial with a declared Program).
                    found.Add(unit);
                }

                var model = CodeRoots.ModelOf(tree, siteModel, compilation);
                var text = SourceTexts.IsOpaque(tree) ? null : SourceTexts.Of(tree);
                foreach (var root in found)
                {
                    if (syntax is TypeDeclarationSyntax own && !CodeRoots.IsOwnCode(root, own))
                    {
                        continue;
                    }

                    var span = CodeRoots.MemberDeclarationOf(root).FullSpan;
                    roots.Add(new CodeRoot(root, model, text, span.Start, span.End));
                }
            }

            return new TypeState(type, roots);
        }

        /// <summary>
        /// The computations of <paramref name="type"/>'s own members that <paramref name="root"/>'s code holds, in the order
        /// a symbol-start registration's operation and operation-block actions would record them.
        /// </summary>
        private static void WritesIn(CodeRoot root, INamedTypeSymbol type, List<(ISymbol Member, IOperation Value)> writes, System.Threading.CancellationToken cancellationToken)
        {
            var model = root.Model;
            if (model.GetOperation(root.Node, cancellationToken) is not { } operation)
            {
                return;
            }

            var owner = CodeRoots.OwnerOf(model, root.Node, operation, cancellationToken);
            if (owner is null || !SymbolEqualityComparer.Default.Equals(Contexts.ContainingType(owner), type) || GeneratedSources.IsGeneratedCodeSymbol(owner))
            {
                return;
            }

            foreach (var op in operation.DescendantsAndSelf())
            {
                if (op.Kind is OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.FieldInitializer or OperationKind.PropertyInitializer)
                {
                    RecordWrite(op, type, writes);
                }
            }

            if (ComputedMember(owner, type) is { } member)
            {
                var parts = new List<SyntaxNode>(2);
                CodeRoots.BlocksOf(root.Node, parts);
                foreach (var part in parts)
                {
                    if ((part == root.Node ? operation : model.GetOperation(part, cancellationToken)) is { } block)
                    {
                        writes.Add((member.OriginalDefinition, block));
                    }
                }
            }
        }

        /// <summary>The timer at <paramref name="context"/>'s operation whose duration reads a fixed election timeout, if any (judged with its type's writes by <see cref="IsReported"/>).</summary>
        private static Candidate? FindTimer(OperationSite context, Known known, OptionsCache<Settings> cache, INamedTypeSymbol type)
        {
            // The timer forms first (each starts with a name test), then whether the operation is this type's own.
            Timer timer;
            switch (context.Operation)
            {
                case IInvocationOperation invocation:
                    if (!known.TryGetTimerCall(invocation, out timer))
                    {
                        return null;
                    }

                    break;
                case IObjectCreationOperation creation:
                    if (!known.TryGetTimerCreation(creation, out timer))
                    {
                        return null;
                    }

                    break;
                case ISimpleAssignmentOperation assignment:
                    if (!known.TryGetIntervalAssignment(assignment, out timer))
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            if (!SymbolEqualityComparer.Default.Equals(Contexts.ContainingType(context.ContainingSymbol), type))
            {
                return null;
            }

            var settings = cache.Get(context.Operation.Syntax.SyntaxTree);
            if (Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubles))
            {
                return null;
            }

            if (timer.TimerSymbol is { } timerSymbol && IsLeaderTimer(timerSymbol.Name, settings))
            {
                return null;
            }

            foreach (var (value, isDue) in timer.Durations)
            {
                if (value is null)
                {
                    continue;
                }

                var walk = new Walk(known, settings, type, collectElection: true);
                walk.Visit(value);
                if (walk.Election is null || walk.Random)
                {
                    continue;
                }

                if (IsLeaderTimer(walk.Election.Name, settings))
                {
                    // A leader lease or check-quorum timer is meant to be fixed.
                    return null;
                }

                var fix = timer.OneShot && isDue ? FixFor(value, known) : null;
                // One report per timer: the due time, or else the period.
                return new Candidate(value.Syntax.GetLocation(), walk.Election.Name, walk.MembersRead, walk.OtherTypeMembers, fix);
            }

            return null;
        }

        private static bool IsLeaderTimer(string name, Settings settings) =>
            settings.LeaderTimer.CarriedBy(name) && !ElectionWords.CarriedBy(name);

        private static string? FixFor(IOperation value, Known known)
        {
            // The duration must be a simple member or local reference, read twice by the fix.
            var operand = value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;
            if (operand is null || !IsSimpleReference(operand))
            {
                return null;
            }

            var type = operand.Type;
            if (type is null || !known.HasRandomShared)
            {
                return null;
            }

            if (known.TimeSpan is not null && SymbolEqualityComparer.Default.Equals(type, known.TimeSpan))
            {
                return FixTimeSpan;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Int32:
                    return FixInt32;
                case SpecialType.System_Int64:
                    return known.HasNextInt64 ? FixInt64 : null;
                default:
                    return null;
            }
        }

        private static bool IsSimpleReference(IOperation operand)
        {
            if (operand.Syntax is IdentifierNameSyntax)
            {
                return operand is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation;
            }

            if (operand.Syntax is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax, Name: IdentifierNameSyntax })
            {
                return operand switch
                {
                    IFieldReferenceOperation field => field.Instance is null or IInstanceReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation,
                    IPropertyReferenceOperation property => property.Arguments.IsEmpty
                        && property.Instance is null or IInstanceReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation,
                    _ => false,
                };
            }

            return false;
        }

        /// <summary>Records a write to one of the type's own fields or properties (the caller knows the operation is in the type's own code).</summary>
        private static void RecordWrite(IOperation operation, INamedTypeSymbol type, List<(ISymbol Member, IOperation Value)> writes)
        {
            switch (operation)
            {
                case IAssignmentOperation { Target: IMemberReferenceOperation target, Value: { } value }:
                    if (IsOwnMember(type, target.Member))
                    {
                        writes.Add((target.Member.OriginalDefinition, value));
                    }

                    break;
                case IFieldInitializerOperation { Value: { } value } initializer:
                    foreach (var field in initializer.InitializedFields)
                    {
                        if (IsOwnMember(type, field))
                        {
                            writes.Add((field.OriginalDefinition, value));
                        }
                    }

                    break;
                case IPropertyInitializerOperation { Value: { } value } initializer:
                    foreach (var property in initializer.InitializedProperties)
                    {
                        if (IsOwnMember(type, property))
                        {
                            writes.Add((property.OriginalDefinition, value));
                        }
                    }

                    break;
            }
        }

        private static bool IsOwnMember(INamedTypeSymbol type, ISymbol member) =>
            member is IFieldSymbol or IPropertySymbol && SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, type);

        /// <summary>The member whose computation the code of <paramref name="owner"/> (a block owner) is: a getter's property, or a method that returns a value.</summary>
        private static ISymbol? ComputedMember(ISymbol owner, INamedTypeSymbol type)
        {
            ISymbol? member = owner switch
            {
                IMethodSymbol { MethodKind: MethodKind.PropertyGet } getter => getter.AssociatedSymbol,
                IMethodSymbol { MethodKind: MethodKind.Ordinary, ReturnsVoid: false } method => method,
                _ => null,
            };
            return member is not null && SymbolEqualityComparer.Default.Equals(member.ContainingType, type) ? member : null;
        }

        /// <summary>Whether <paramref name="candidate"/> is reported: no member it reads is randomized in its type (<paramref name="state"/>) or in another's declaration.</summary>
        private static bool IsReported(Candidate candidate, TypeState? state, Known known, OptionsCache<Settings> cache, ConcurrentDictionary<(ISymbol, WordList), bool> otherTypeMembers, System.Threading.CancellationToken cancellationToken)
        {
            // The candidate's own tree decides the words for the type-wide walk. Only the members it reads, and those
            // their computations read, are walked (most of a type's members and method bodies never are); the type's
            // data (state) is gathered only for a candidate that reads a member.
            var settings = cache.Get(candidate.Location.SourceTree!);
            if (state is not null && candidate.MembersRead.Count > 0)
            {
                var randomized = new Randomized(state, known, settings, cancellationToken);
                foreach (var member in candidate.MembersRead)
                {
                    if (randomized.Contains(member))
                    {
                        return false;
                    }
                }
            }

            foreach (var member in candidate.OtherTypeMembers)
            {
                if (otherTypeMembers.GetOrAdd((member, settings.Randomness), key => SyntaxMentionsRandomness(key.Item1, key.Item2, known)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <see cref="RandomizedMembers"/> asked member by member: whether a member's computations involve randomness,
        /// directly or through the members they read, walking only the members reachable from the one asked about.
        /// The same answers: a member is in the fixpoint exactly when a directly randomized member is reachable from
        /// it, within its 64 rounds, which a reachable set of at most 64 members guarantees; past that, the whole
        /// fixpoint is computed once.
        /// </summary>
        private sealed class Randomized
        {
            private const int MaxReachable = 64;

            private readonly TypeState state;
            private readonly Known known;
            private readonly Dictionary<ISymbol, (bool Direct, List<ISymbol> Reads)> facts = new Dictionary<ISymbol, (bool, List<ISymbol>)>(SymbolEqualityComparer.Default);
            private readonly Dictionary<ISymbol, bool> answers = new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            private Dictionary<ISymbol, bool>? whole;

            private readonly System.Threading.CancellationToken cancellationToken;

            public Randomized(TypeState state, Known known, Settings settings, System.Threading.CancellationToken cancellationToken)
            {
                this.state = state;
                this.known = known;
                Settings = settings;
                this.cancellationToken = cancellationToken;
            }

            public Settings Settings { get; }

            /// <summary>Whether <paramref name="member"/> is randomized (<see cref="RandomizedMembers"/> holds it).</summary>
            public bool Contains(ISymbol member)
            {
                if (whole is not null)
                {
                    return whole.ContainsKey(member);
                }

                if (answers.TryGetValue(member, out var answer))
                {
                    return answer;
                }

                var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { member };
                var queue = new Queue<ISymbol>();
                queue.Enqueue(member);
                var found = false;
                while (queue.Count > 0 && !found)
                {
                    var (direct, reads) = Facts(queue.Dequeue());
                    if (direct)
                    {
                        found = true;
                        break;
                    }

                    foreach (var read in reads)
                    {
                        if (visited.Add(read))
                        {
                            if (visited.Count > MaxReachable)
                            {
                                whole = RandomizedMembers(state, known, Settings, cancellationToken);
                                return whole.ContainsKey(member);
                            }

                            queue.Enqueue(read);
                        }
                    }
                }

                answers[member] = found;
                return found;
            }

            /// <summary>A member's own facts: whether one of its computations is random, and the members they read (as in <see cref="RandomizedMembers"/>).</summary>
            private (bool Direct, List<ISymbol> Reads) Facts(ISymbol member)
            {
                if (facts.TryGetValue(member, out var result))
                {
                    return result;
                }

                var direct = false;
                var reads = new List<ISymbol>();
                if (state.WritesOf(member, cancellationToken) is { } values)
                {
                    foreach (var value in values)
                    {
                        if (Settings.Randomness.CarriedBy(member.Name) && member is IMethodSymbol)
                        {
                            direct = true;
                            break;
                        }

                        var walk = new Walk(known, Settings, state.Type, collectElection: false);
                        walk.Visit(value);
                        if (walk.Random)
                        {
                            direct = true;
                            break;
                        }

                        reads.AddRange(walk.MembersRead);
                    }
                }

                result = (direct, reads);
                facts[member] = result;
                return result;
            }
        }

        /// <summary>Every member of the type whose computation (an assignment to it, its getter or body) involves randomness, directly or through another such member.</summary>
        private static Dictionary<ISymbol, bool> RandomizedMembers(TypeState state, Known known, Settings settings, System.Threading.CancellationToken cancellationToken)
        {
            var direct = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var edges = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
            foreach (var (member, value) in state.AllWrites(cancellationToken))
            {
                if (settings.Randomness.CarriedBy(member.Name) && member is IMethodSymbol)
                {
                    direct.Add(member);
                }

                var walk = new Walk(known, settings, state.Type, collectElection: false);
                walk.Visit(value);
                if (walk.Random)
                {
                    direct.Add(member);
                }

                foreach (var read in walk.MembersRead)
                {
                    if (!edges.TryGetValue(member, out var list))
                    {
                        list = new List<ISymbol>();
                        edges[member] = list;
                    }

                    list.Add(read);
                }
            }

            // Fixpoint: a member is randomized when it is directly, or when its computation reads a randomized member.
            var result = new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            foreach (var member in direct)
            {
                result[member] = true;
            }

            var changed = true;
            for (var round = 0; changed && round < 64; round++)
            {
                changed = false;
                foreach (var pair in edges)
                {
                    if (result.ContainsKey(pair.Key))
                    {
                        continue;
                    }

                    foreach (var read in pair.Value)
                    {
                        if (result.ContainsKey(read))
                        {
                            result[pair.Key] = true;
                            changed = true;
                            break;
                        }
                    }
                }
            }

            return result;
        }

        /// <summary>
        /// For a member of another type (its assignments are not analysed with this type): whether its declaration,
        /// or an assignment to it in its own type, names randomness. Syntax only: no semantic model is requested.
        /// </summary>
        private static bool SyntaxMentionsRandomness(ISymbol member, WordList randomness, Known known)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                if (MentionsRandomness(reference.GetSyntax(), randomness, member.ContainingType, known))
                {
                    return true;
                }
            }

            if (member is IMethodSymbol || member.ContainingType is not { } type)
            {
                return false;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var count = 0;
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (++count > 20000)
                    {
                        return false;
                    }

                    if (node is AssignmentExpressionSyntax assignment
                        && LastName(assignment.Left) == member.Name
                        && MentionsRandomness(assignment.Right, randomness, type, known))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string? LastName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };

        private static bool MentionsRandomness(SyntaxNode node, WordList randomness, INamedTypeSymbol? type, Known known)
        {
            var count = 0;
            foreach (var descendant in node.DescendantNodesAndSelf())
            {
                if (++count > 5000)
                {
                    return false;
                }

                if (descendant is IdentifierNameSyntax identifier)
                {
                    var text = identifier.Identifier.ValueText;
                    if (text == "Random" || text == "RandomNumberGenerator" || randomness.CarriedBy(text))
                    {
                        return true;
                    }

                    // A field or property of the member's own type that holds a Random (by symbol).
                    if (type is not null)
                    {
                        foreach (var candidate in type.GetMembers(text))
                        {
                            var held = candidate switch
                            {
                                IFieldSymbol field => field.Type,
                                IPropertySymbol property => property.Type,
                                _ => null,
                            };
                            if (known.IsRandomType(held))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>A walk over a duration or a member's computation, following locals to their assigned values.</summary>
        private sealed class Walk
        {
            private readonly Known known;
            private readonly Settings settings;
            private readonly INamedTypeSymbol type;
            private readonly bool collectElection;
            [ThreadStatic]
            private static Stack<IOperation>? spareStack;

            private HashSet<ILocalSymbol>? visitedLocals;
            private int budget = MaxWalk;

            public Walk(Known known, Settings settings, INamedTypeSymbol type, bool collectElection)
            {
                this.known = known;
                this.settings = settings;
                this.type = type;
                this.collectElection = collectElection;
            }

            public ISymbol? Election { get; private set; }

            public bool Random { get; private set; }

            public List<ISymbol> MembersRead { get; } = new List<ISymbol>();

            public List<ISymbol> OtherTypeMembers { get; } = new List<ISymbol>();

            public void Visit(IOperation root)
            {
                // One stack per thread, reused by every walk (a nested walk, through a local, takes a new one).
                var stack = spareStack ?? new Stack<IOperation>(32);
                spareStack = null;
                try
                {
                    Visit(root, stack);
                }
                finally
                {
                    stack.Clear();
                    spareStack = stack;
                }
            }

            private void Visit(IOperation root, Stack<IOperation> stack)
            {
                stack.Push(root);
                while (stack.Count > 0 && !Random)
                {
                    if (--budget < 0)
                    {
                        // Too large to judge: treat as randomized rather than guess.
                        Random = true;
                        return;
                    }

                    var op = stack.Pop();
                    if (known.IsRandomType(op.Type))
                    {
                        Random = true;
                        return;
                    }

                    switch (op)
                    {
                        case IAnonymousFunctionOperation:
                        case ILocalFunctionOperation:
                            continue;
                        case IInvocationOperation invocation:
                            var method = invocation.TargetMethod;
                            if (known.IsRandomType(method.ContainingType) || settings.Randomness.CarriedBy(method.Name))
                            {
                                Random = true;
                                return;
                            }

                            if (method.IsStatic && method.ContainingType is { } container && settings.Randomness.CarriedBy(container.Name))
                            {
                                Random = true;
                                return;
                            }

                            Member(method);
                            break;
                        case IObjectCreationOperation creation:
                            if (creation.Type is { } created && settings.Randomness.CarriedBy(created.Name))
                            {
                                Random = true;
                                return;
                            }

                            break;
                        case IMemberReferenceOperation reference when reference is IFieldReferenceOperation or IPropertyReferenceOperation:
                            if (reference.Member.IsStatic && reference.Member.ContainingType is { } holder && settings.Randomness.CarriedBy(holder.Name))
                            {
                                Random = true;
                                return;
                            }

                            Member(reference.Member);
                            break;
                        case IParameterReferenceOperation parameter:
                            Named(parameter.Parameter);
                            break;
                        case ILocalReferenceOperation local:
                            Local(local);
                            break;
                    }

                    if (Random)
                    {
                        return;
                    }

                    foreach (var child in op.ChildOperations)
                    {
                        if (child is not null)
                        {
                            stack.Push(child);
                        }
                    }
                }
            }

            private void Named(ISymbol symbol)
            {
                if (settings.Randomness.CarriedBy(symbol.Name))
                {
                    Random = true;
                    return;
                }

                if (collectElection && Election is null && settings.ElectionTimeout.CarriedBy(symbol.Name))
                {
                    Election = symbol;
                }
            }

            private void Member(ISymbol member)
            {
                Named(member);
                if (Random)
                {
                    return;
                }

                var definition = member.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(definition.ContainingType, type))
                {
                    MembersRead.Add(definition);
                }
                else if (collectElection && !definition.DeclaringSyntaxReferences.IsEmpty)
                {
                    OtherTypeMembers.Add(definition);
                }
            }

            private void Local(ILocalReferenceOperation reference)
            {
                var local = reference.Local;
                Named(local);
                if (Random)
                {
                    return;
                }

                visitedLocals ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                if (!visitedLocals.Add(local))
                {
                    return;
                }

                var index = LocalFlow.IndexFor(reference);
                if (index.IsUntracked(local))
                {
                    // Written by compound arithmetic, out/ref or a lambda: its computation is unknown.
                    Random = true;
                    return;
                }

                foreach (var value in index.ValuesAssignedTo(local))
                {
                    Visit(value);
                    if (Random)
                    {
                        return;
                    }
                }
            }
        }

        private readonly struct Timer
        {
            public Timer(ISymbol? timerSymbol, bool oneShot, (IOperation? Value, bool IsDue)[] durations)
            {
                TimerSymbol = timerSymbol;
                OneShot = oneShot;
                Durations = durations;
            }

            /// <summary>The timer's field, local or property (for the leader-timer exclusion), if any.</summary>
            public ISymbol? TimerSymbol { get; }

            /// <summary>Fires once (a delay, a cancellation, or a timer with an infinite period).</summary>
            public bool OneShot { get; }

            public (IOperation? Value, bool IsDue)[] Durations { get; }
        }

        private sealed class Known
        {
            // Resolved on first use: most compilations never reach a timer form or a walk, and each first lookup of
            // a metadata name searches every referenced assembly.
            private readonly LazyType random;
            private readonly LazyType randomNumberGenerator;
            private readonly LazyType task;
            private readonly LazyType threadingTimer;
            private readonly LazyType itimer;
            private readonly LazyType timeProvider;
            private readonly LazyType cancellationTokenSource;
            private readonly LazyType periodicTimer;
            private readonly LazyType timersTimer;
            private readonly LazyType timeSpan;
            private int randomFacts;

            public Known(KnownSymbols symbols)
            {
                random = new LazyType(symbols, "System.Random");
                randomNumberGenerator = new LazyType(symbols, "System.Security.Cryptography.RandomNumberGenerator");
                task = new LazyType(symbols, "System.Threading.Tasks.Task");
                threadingTimer = new LazyType(symbols, "System.Threading.Timer");
                itimer = new LazyType(symbols, "System.Threading.ITimer");
                timeProvider = new LazyType(symbols, "System.TimeProvider");
                cancellationTokenSource = new LazyType(symbols, "System.Threading.CancellationTokenSource");
                periodicTimer = new LazyType(symbols, "System.Threading.PeriodicTimer");
                timersTimer = new LazyType(symbols, "System.Timers.Timer");
                timeSpan = new LazyType(symbols, "System.TimeSpan");
            }

            public INamedTypeSymbol? TimeSpan => timeSpan.Value;

            public bool HasRandomShared => (RandomFacts & 2) != 0;

            public bool HasNextInt64 => (RandomFacts & 4) != 0;

            public bool AnyTimer => task.Value is not null || threadingTimer.Value is not null || cancellationTokenSource.Value is not null || periodicTimer.Value is not null || timersTimer.Value is not null;

            /// <summary>1 (computed) | 2 (Random.Shared) | 4 (Random.NextInt64(long, long)).</summary>
            private int RandomFacts
            {
                get
                {
                    var facts = System.Threading.Volatile.Read(ref randomFacts);
                    if (facts == 0)
                    {
                        var type = random.Value;
                        facts = 1
                            | (type is not null && HasStaticProperty(type, "Shared") ? 2 : 0)
                            | (type is not null && HasMethod(type, "NextInt64", SpecialType.System_Int64, SpecialType.System_Int64) ? 4 : 0);
                        System.Threading.Volatile.Write(ref randomFacts, facts);
                    }

                    return facts;
                }
            }

            public bool IsRandomType(ITypeSymbol? type)
            {
                if (type is not INamedTypeSymbol)
                {
                    return false;
                }

                var randomType = random.Value;
                var generator = randomNumberGenerator.Value;
                for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
                {
                    if ((randomType is not null && SymbolEqualityComparer.Default.Equals(t, randomType))
                        || (generator is not null && SymbolEqualityComparer.Default.Equals(t, generator)))
                    {
                        return true;
                    }
                }

                return false;
            }

            public bool TryGetTimerCall(IInvocationOperation invocation, out Timer timer)
            {
                timer = default;
                var method = invocation.TargetMethod;
                switch (method.Name)
                {
                    // The only names the forms below accept.
                    case "Delay":
                    case "CancelAfter":
                    case "Change":
                    case "CreateTimer":
                        break;
                    default:
                        return false;
                }

                var container = method.ContainingType?.OriginalDefinition;
                if (container is null)
                {
                    return false;
                }

                if (Is(container, task) && method.Name == "Delay")
                {
                    timer = new Timer(null, true, new[] { (Argument(invocation.Arguments, 0), true) });
                    return true;
                }

                if (Is(container, cancellationTokenSource) && method.Name == "CancelAfter")
                {
                    timer = new Timer(ReceiverSymbol(invocation.Instance), true, new[] { (Argument(invocation.Arguments, 0), true) });
                    return true;
                }

                if ((Is(container, threadingTimer) || Is(container, itimer)) && method.Name == "Change")
                {
                    timer = DueAndPeriod(ReceiverSymbol(invocation.Instance), invocation.Arguments);
                    return true;
                }

                if (Is(container, timeProvider) && method.Name == "CreateTimer")
                {
                    timer = DueAndPeriod(AssignedSymbol(invocation), invocation.Arguments);
                    return true;
                }

                return false;
            }

            public bool TryGetTimerCreation(IObjectCreationOperation creation, out Timer timer)
            {
                timer = default;
                if (creation.Type?.Name is not ("Timer" or "CancellationTokenSource" or "PeriodicTimer"))
                {
                    // The only type names the forms below accept.
                    return false;
                }

                var type = creation.Type?.OriginalDefinition;
                if (type is null || creation.Constructor is null)
                {
                    return false;
                }

                if (Is(type, threadingTimer))
                {
                    if (creation.Arguments.Length < 3)
                    {
                        return false;
                    }

                    timer = DueAndPeriod(AssignedSymbol(creation), creation.Arguments);
                    return true;
                }

                if (Is(type, cancellationTokenSource) && creation.Arguments.Length == 1)
                {
                    timer = new Timer(AssignedSymbol(creation), true, new[] { (Argument(creation.Arguments, 0), true) });
                    return true;
                }

                if ((Is(type, periodicTimer) || Is(type, timersTimer)) && creation.Arguments.Length >= 1)
                {
                    timer = new Timer(AssignedSymbol(creation), false, new[] { (Argument(creation.Arguments, 0), true) });
                    return true;
                }

                return false;
            }

            public bool TryGetIntervalAssignment(ISimpleAssignmentOperation assignment, out Timer timer)
            {
                timer = default;
                if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "Interval" or "Period" } property } target || property.ContainingType is null)
                {
                    return false;
                }

                var container = property.ContainingType.OriginalDefinition;
                if ((Is(container, timersTimer) && property.Name == "Interval") || (Is(container, periodicTimer) && property.Name == "Period"))
                {
                    var timerSymbol = target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver
                        ? (CreationOf(receiver) is { } creation ? AssignedSymbol(creation) : null)
                        : ReceiverSymbol(target.Instance);
                    timer = new Timer(timerSymbol, false, new[] { ((IOperation?)assignment.Value, true) });
                    return true;
                }

                return false;
            }

            /// <summary>The object creation whose initializer holds an implicit receiver (<c>new Timer { Interval = … }</c>).</summary>
            private static IOperation? CreationOf(IOperation implicitReceiver)
            {
                var current = implicitReceiver;
                for (var i = 0; i < 8 && current.Parent is { } parent; i++)
                {
                    if (parent is IObjectCreationOperation)
                    {
                        return parent;
                    }

                    current = parent;
                }

                return null;
            }

            private static Timer DueAndPeriod(ISymbol? timerSymbol, ImmutableArray<IArgumentOperation> arguments)
            {
                IOperation? due = null;
                IOperation? period = null;
                foreach (var argument in arguments)
                {
                    switch (argument.Parameter?.Name)
                    {
                        case "dueTime":
                            due = argument.Value;
                            break;
                        case "period":
                            period = argument.Value;
                            break;
                    }
                }

                return new Timer(timerSymbol, IsInfinite(period), new[] { (due, true), (period, false) });
            }

            private static bool IsInfinite(IOperation? period)
            {
                if (period is null)
                {
                    return false;
                }

                var constant = ConstantEvaluator.Evaluate(period);
                return constant.Kind switch
                {
                    ConstantKind.Integer => constant.Integer == -1 || constant.Integer == uint.MaxValue,
                    ConstantKind.TimeSpan => constant.Span == System.Threading.Timeout.InfiniteTimeSpan,
                    _ => false,
                };
            }

            private static IOperation? Argument(ImmutableArray<IArgumentOperation> arguments, int ordinal)
            {
                foreach (var argument in arguments)
                {
                    if (argument.Parameter?.Ordinal == ordinal)
                    {
                        return argument.Value;
                    }
                }

                return null;
            }

            /// <summary>The field, property, local or parameter a timer is reached through (<c>_electionTimer.Change</c>).</summary>
            private static ISymbol? ReceiverSymbol(IOperation? instance)
            {
                switch (instance is null ? null : LocalFlow.Unwrap(instance))
                {
                    case ILocalReferenceOperation local:
                        return local.Local;
                    case IParameterReferenceOperation parameter:
                        return parameter.Parameter;
                    case IMemberReferenceOperation member:
                        return member.Member;
                    default:
                        return null;
                }
            }

            /// <summary>The field, property or local a new timer is stored in (<c>_leaseTimer = new Timer(…)</c>).</summary>
            private static ISymbol? AssignedSymbol(IOperation created)
            {
                var current = created;
                for (var i = 0; i < 6 && current.Parent is { } parent; i++)
                {
                    switch (parent)
                    {
                        case IConversionOperation:
                        case IParenthesizedOperation:
                            current = parent;
                            continue;
                        case IObjectOrCollectionInitializerOperation:
                            // Interval = … inside new Timer { … }: the creation is the timer.
                            current = parent.Parent ?? parent;
                            continue;
                        case IObjectCreationOperation:
                            current = parent;
                            continue;
                        case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                            return declarator.Symbol;
                        case IFieldInitializerOperation field:
                            return field.InitializedFields.Length > 0 ? field.InitializedFields[0] : null;
                        case IPropertyInitializerOperation property:
                            return property.InitializedProperties.Length > 0 ? property.InitializedProperties[0] : null;
                        case ISimpleAssignmentOperation assignment when assignment.Value == current:
                            return ReceiverSymbol(assignment.Target);
                        default:
                            return null;
                    }
                }

                return null;
            }

            private static bool Is(ITypeSymbol type, LazyType expected) =>
                expected.Value is { } symbol && SymbolEqualityComparer.Default.Equals(type, symbol);

            private static bool HasStaticProperty(INamedTypeSymbol type, string name)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IPropertySymbol { IsStatic: true })
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool HasMethod(INamedTypeSymbol type, string name, SpecialType first, SpecialType second)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IMethodSymbol { Parameters.Length: 2 } method
                        && method.Parameters[0].Type.SpecialType == first
                        && method.Parameters[1].Type.SpecialType == second)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>A type resolved through <see cref="KnownSymbols.Get"/> on first use, then read without a lookup.</summary>
        private sealed class LazyType
        {
            private readonly KnownSymbols symbols;
            private readonly string metadataName;
            private INamedTypeSymbol? value;
            private volatile bool resolved;

            public LazyType(KnownSymbols symbols, string metadataName)
            {
                this.symbols = symbols;
                this.metadataName = metadataName;
            }

            public INamedTypeSymbol? Value
            {
                get
                {
                    if (!resolved)
                    {
                        // Racing threads store the same symbol (KnownSymbols caches it per compilation).
                        value = symbols.Get(metadataName);
                        resolved = true;
                    }

                    return value;
                }
            }
        }

        private sealed class Candidate
        {
            public Candidate(Location location, string name, List<ISymbol> membersRead, List<ISymbol> otherTypeMembers, string? fix)
            {
                Location = location;
                Name = name;
                MembersRead = membersRead;
                OtherTypeMembers = otherTypeMembers;
                Fix = fix;
            }

            public Location Location { get; }

            public string Name { get; }

            public List<ISymbol> MembersRead { get; }

            public List<ISymbol> OtherTypeMembers { get; }

            public string? Fix { get; }
        }

        /// <summary>One code root of a type (a member's body, an initializer, an attribute…), with the text that bounds what it can write.</summary>
        private sealed class CodeRoot
        {
            public CodeRoot(SyntaxNode node, SemanticModel model, string? text, int start, int end)
            {
                Node = node;
                Model = model;
                Text = text;
                Start = start;
                End = end;
            }

            public SyntaxNode Node { get; }

            public SemanticModel Model { get; }

            /// <summary>The tree's text (null when opaque: the root may write any name).</summary>
            public string? Text { get; }

            /// <summary>The span of the member declaration that holds the root.</summary>
            public int Start { get; }

            public int End { get; }

            /// <summary>Its writes, once walked (null: not yet).</summary>
            public List<(ISymbol Member, IOperation Value)>? Writes { get; set; }

            /// <summary>
            /// Whether the root may hold a computation of a member named <paramref name="name"/>: every one is an assignment
            /// or initializer that writes the member's name, or the member's own getter or body, whose declaration does.
            /// </summary>
            public bool MayWrite(string? name) =>
                Text is null || name is null || Text.IndexOf(name, Start, End - Start, StringComparison.Ordinal) >= 0;
        }

        /// <summary>
        /// A type's computations of its own members (values assigned to them, getters, bodies), found lazily: asked about a
        /// member, only the code roots whose member declaration writes its name are walked (each once), so a candidate
        /// that reads two fields costs the few members that name them, not the whole type. Shared between threads.
        /// </summary>
        private sealed class TypeState
        {
            private readonly List<CodeRoot> roots;
            private readonly object gate = new object();
            private readonly Dictionary<ISymbol, List<IOperation>> byMember = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);

            public TypeState(INamedTypeSymbol type, List<CodeRoot> roots)
            {
                Type = type;
                this.roots = roots;
            }

            public INamedTypeSymbol Type { get; }

            /// <summary>The computations of <paramref name="member"/> in the order they are in the type's code (null: none).</summary>
            public List<IOperation>? WritesOf(ISymbol member, System.Threading.CancellationToken cancellationToken)
            {
                var name = SearchedName(member.Name);
                lock (gate)
                {
                    if (byMember.TryGetValue(member, out var known))
                    {
                        return known.Count == 0 ? null : known;
                    }

                    var values = new List<IOperation>();
                    foreach (var root in roots)
                    {
                        if (root.MayWrite(name))
                        {
                            foreach (var (written, value) in Walked(root, cancellationToken))
                            {
                                if (SymbolEqualityComparer.Default.Equals(written, member))
                                {
                                    values.Add(value);
                                }
                            }
                        }
                    }

                    byMember[member] = values;
                    return values.Count == 0 ? null : values;
                }
            }

            /// <summary>Every computation of the type's members, in the order they are in its code.</summary>
            public List<(ISymbol Member, IOperation Value)> AllWrites(System.Threading.CancellationToken cancellationToken)
            {
                lock (gate)
                {
                    var writes = new List<(ISymbol, IOperation)>();
                    foreach (var root in roots)
                    {
                        writes.AddRange(Walked(root, cancellationToken));
                    }

                    return writes;
                }
            }

            private List<(ISymbol Member, IOperation Value)> Walked(CodeRoot root, System.Threading.CancellationToken cancellationToken)
            {
                if (root.Writes is null)
                {
                    // Kept only once complete: a cancelled walk leaves the root to be walked again.
                    var writes = new List<(ISymbol, IOperation)>();
                    WritesIn(root, Type, writes, cancellationToken);
                    root.Writes = writes;
                }

                return root.Writes;
            }

            /// <summary>
            /// The text a computation of a member named <paramref name="name"/> must write: the name, or the part after the
            /// last dot of an explicit implementation's (<c>IClock.Timeout</c>); null (any root) for a name that is not an
            /// identifier (an indexer's <c>this[]</c>).
            /// </summary>
            private static string? SearchedName(string name)
            {
                var last = name.Substring(name.LastIndexOf('.') + 1);
                if (last.Length == 0)
                {
                    return null;
                }

                foreach (var c in last)
                {
                    if (!(char.IsLetterOrDigit(c) || c == '_'))
                    {
                        return null;
                    }
                }

                return last;
            }
        }

        private sealed class Settings
        {
            public Settings(WordList electionTimeout, WordList randomness, WordList leaderTimer, WordList testDoubles)
            {
                ElectionTimeout = electionTimeout;
                Randomness = randomness;
                LeaderTimer = leaderTimer;
                TestDoubles = testDoubles;
            }

            public WordList ElectionTimeout { get; }

            public WordList Randomness { get; }

            public WordList LeaderTimer { get; }

            public WordList TestDoubles { get; }
        }
    }
}
