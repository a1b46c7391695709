using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DistAnalyzers.Time
{
    /// <summary>
    /// DIST105: elapsed time or a timeout measured with the wall clock (<c>*Now</c> differences, <c>*Now</c>
    /// deadlines compared with <c>*Now</c> in a loop or a wait), and the three 32-bit <c>Environment.TickCount</c>
    /// bugs (comparing readings, widening before subtracting, subtracting in a checked context).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WallClockForElapsedTimeAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: comma-separated edit codes, one per span of <see cref="SpansProperty"/> (see <c>WallClockForElapsedTimeCodeFix</c>).</summary>
        public const string EditsProperty = "Edits";

        /// <summary>
        /// Diagnostic property: comma-separated <c>start+length</c> spans, in the diagnostic's own tree, of the nodes
        /// the edits apply to. Not additional locations: a fix lists every use of its start variable and is shared
        /// by the diagnostic on each use, and the driver checks every additional location of every diagnostic, so n
        /// uses cost n² checks (about 700,000 for a start local read 830 times). The properties are one shared object.
        /// </summary>
        public const string SpansProperty = "Spans";

        /// <summary>Edit codes.</summary>
        public const string EditGetTimestamp = "V";
        public const string EditStartNew = "W";
        public const string EditGetElapsedTime = "G";
        public const string EditElapsed = "E";
        public const string EditRetypeLong = "TL";
        public const string EditRetypeStopwatch = "TS";
        public const string EditDeadlineStatement = "DS";
        public const string EditDeadlineNow = "DN";
        public const string EditDeadlineOperand = "DD";
        public const string EditDurationPrefix = "DT:";
        public const string EditTickCount64 = "K";
        public const string EditDropCast = "U";
        public const string EditCastToInt = "I";

        public static readonly RuleOption<bool> IncludeTimeProvider = RuleOptions.Bool("include_time_provider", false);

        private static readonly string[] AddUnits = { "Milliseconds", "Seconds", "Minutes", "Hours", "Days", "Ticks" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DIST105_WallClockForElapsedTime);

        public override IEnumerable<RuleOption> Options => new RuleOption[] { IncludeTimeProvider, RuleOptions.TestDoubleWords };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var clocks = new Clocks(symbols, new TreeGate(this, (_, _, anchors) => anchors.Add("Now").Add("TickCount")), new OptionsCache<Settings>(context.Options, DiagnosticIds.WallClockForElapsedTime, reader => new Settings(
                reader.Get(IncludeTimeProvider), reader.Get(RuleOptions.TestDoubleWords))));
            context.RegisterSymbolStartAction(start => OnType(start, clocks), SymbolKind.NamedType);
        }

        private static void OnType(SymbolStartAnalysisContext context, Clocks clocks)
        {
            var type = (INamedTypeSymbol)context.Symbol;

            // Every flagged form traces both operands to a clock reading (*Now, GetUtcNow, TickCount) written in this
            // type's own code: in the same member (through locals) or as a value of one of its private fields. A type
            // whose text holds no such name has nothing to analyse.
            if (!clocks.Readings.AllowsAnyDeclaration(type))
            {
                return;
            }

            new TypeAnalysis(clocks, type, HasCandidateField(type)).Register(context);
        }

        /// <summary>Whether <paramref name="type"/> declares a field that <c>IsCandidateField</c> could accept (a superset: any private non-const field).</summary>
        private static bool HasCandidateField(INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsConst: false } field && field.RefKind == RefKind.None)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class Settings
        {
            public Settings(bool includeTimeProvider, WordList testDoubleWords)
            {
                IncludeTimeProvider = includeTimeProvider;
                TestDoubleWords = testDoubleWords;
            }

            public bool IncludeTimeProvider { get; }

            public WordList TestDoubleWords { get; }
        }

        /// <summary>The compilation's clock symbols.</summary>
        private sealed class Clocks
        {
            public Clocks(KnownSymbols symbols, TreeGate readings, OptionsCache<Settings> options)
            {
                Readings = readings;
                Options = options;
                DateTime = symbols.DateTime;
                DateTimeOffset = symbols.DateTimeOffset;
                TimeSpan = symbols.TimeSpan;
                TimeProvider = symbols.Get("System.TimeProvider");
                Environment = symbols.Get("System.Environment");
                var stopwatch = symbols.Get("System.Diagnostics.Stopwatch");
                HasStopwatch = stopwatch is not null;
                HasGetElapsedTime = stopwatch is not null && HasMethod(stopwatch, "GetElapsedTime", 1);
                HasTickCount64 = Environment is not null && !Environment.GetMembers("TickCount64").IsEmpty;
            }

            /// <summary>Where a clock reading may be written: <c>Now</c> (also in <c>UtcNow</c>, <c>GetUtcNow</c>) or <c>TickCount</c>.</summary>
            public TreeGate Readings { get; }

            public OptionsCache<Settings> Options { get; }

            public INamedTypeSymbol? DateTime { get; }

            public INamedTypeSymbol? DateTimeOffset { get; }

            public INamedTypeSymbol? TimeSpan { get; }

            public INamedTypeSymbol? TimeProvider { get; }

            public INamedTypeSymbol? Environment { get; }

            public bool HasStopwatch { get; }

            public bool HasGetElapsedTime { get; }

            public bool HasTickCount64 { get; }

            public bool IsWallType(ITypeSymbol? type) =>
                type is not null && (SymbolEqualityComparer.Default.Equals(type, DateTime) || SymbolEqualityComparer.Default.Equals(type, DateTimeOffset));

            /// <summary><c>DateTime.Now/UtcNow</c>, <c>DateTimeOffset.Now/UtcNow</c>.</summary>
            public bool IsNowProperty(IOperation operation) =>
                operation is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Now" or "UtcNow" } property } && IsWallType(property.ContainingType);

            public bool IsNow(IOperation operation, bool includeTimeProvider) =>
                IsNowProperty(operation)
                || (includeTimeProvider && TimeProvider is not null && operation is IInvocationOperation { TargetMethod: { Name: "GetUtcNow", IsStatic: false } method }
                    && DerivesFrom(method.ContainingType, TimeProvider));

            public bool IsTickCount(IOperation operation) =>
                operation is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "TickCount" } property }
                && Environment is not null && SymbolEqualityComparer.Default.Equals(property.ContainingType, Environment);

            public bool IsTimeSpan(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, TimeSpan);

            private static bool HasMethod(INamedTypeSymbol type, string name, int parameters)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IMethodSymbol { IsStatic: true } method && method.Parameters.Length == parameters)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol baseType)
            {
                var depth = 0;
                for (var t = type; t is not null && depth < 32; t = t.BaseType, depth++)
                {
                    if (SymbolEqualityComparer.Default.Equals(t, baseType))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        [Flags]
        private enum FieldKind
        {
            None = 0,
            Now = 1,
            Deadline = 2,
            Tick = 4,
            All = Now | Deadline | Tick,
        }

        /// <summary>What one member body recorded: field writes, field reads, candidates deferred to the end of the type.</summary>
        private sealed class Body
        {
            public List<FieldUse>? Writes;
            public List<FieldUse>? Reads;
            public List<IOperation>? Deferred;

            /// <summary>Blocks without a reading name, walked at the end of the type only if some field may have a kind.</summary>
            public List<IOperation>? Later;

            /// <summary>The owning symbol of the blocks left for later (one callback's blocks share it).</summary>
            public ISymbol? LaterOwner;
            public bool IncludeTimeProvider;
            public Body? Next;
        }

        /// <summary>One use of a private field, as recorded: a value written to it, a read, or another write.</summary>
        private readonly struct FieldUse
        {
            public FieldUse(IFieldSymbol field, bool includeTimeProvider, IOperation? value, IFieldReferenceOperation? read, bool otherWrite)
            {
                Field = field;
                IncludeTimeProvider = includeTimeProvider;
                Value = value;
                Read = read;
                OtherWrite = otherWrite;
            }

            public IFieldSymbol Field { get; }

            /// <summary>The <c>include_time_provider</c> option of the use's tree.</summary>
            public bool IncludeTimeProvider { get; }

            public IOperation? Value { get; }

            public IFieldReferenceOperation? Read { get; }

            public bool OtherWrite { get; }
        }

        /// <summary>Whether a type is inside a test double, under one settings object (immutable: shared between threads).</summary>
        private sealed class TestDoubleAnswer
        {
            public TestDoubleAnswer(Settings settings, bool inside)
            {
                Settings = settings;
                Inside = inside;
            }

            public Settings Settings { get; }

            public bool Inside { get; }
        }

        /// <summary>Every write and read of one private field, gathered over all partial declarations of its type.</summary>
        private sealed class FieldInfo
        {
            public readonly List<IOperation> Values = new List<IOperation>();
            public readonly List<IFieldReferenceOperation> Reads = new List<IFieldReferenceOperation>();
            public bool OtherWrite;
            public bool IncludeTimeProvider;
        }

        /// <summary>The analysis of one named type (symbol start/end: private fields are judged from all their writes).</summary>
        private sealed class TypeAnalysis
        {
            private static readonly Func<IFieldSymbol, FieldKind> NoFields = _ => FieldKind.None;
            private readonly Clocks clocks;
            private readonly INamedTypeSymbol type;
            private readonly bool hasCandidateFields;
            private readonly Func<IFieldSymbol, FieldKind> anyCandidateField;

            /// <summary>The member bodies with something to keep, pushed without locks (a linked stack).</summary>
            private Body? bodies;
            private bool readsGathered;

            /// <summary>Every field's uses, gathered from <c>uses</c> at the end of the type (only when a candidate was deferred).</summary>
            private Dictionary<IFieldSymbol, FieldInfo>? fields;

            /// <summary>
            /// Fixes, per kind and symbol: created on first use (only types with a diagnostic need them), read and written
            /// under a lock on the array (plain dictionaries: three concurrent ones per flagged type cost more than the fixes).
            /// </summary>
            private Dictionary<ISymbol, Fix?>[]? fixes;
            private Func<IFieldSymbol, FieldKind>? finalOracle;
            private bool anyFieldKind;

            /// <summary>Whether this type (or a type that contains it) is a test double, for the last settings object asked about.</summary>
            private TestDoubleAnswer? testDouble;

            public TypeAnalysis(Clocks clocks, INamedTypeSymbol type, bool hasCandidateFields)
            {
                this.clocks = clocks;
                this.type = type;
                this.hasCandidateFields = hasCandidateFields;
                anyCandidateField = AnyCandidateField;
            }

            private FieldKind AnyCandidateField(IFieldSymbol field) => IsCandidateField(field, null) ? FieldKind.All : FieldKind.None;

            public void Register(SymbolStartAnalysisContext context)
            {
                // One callback per member body instead of one per operation: the body is walked here only when it
                // can matter (see Block), which most bodies of a type that passed the text test cannot.
                context.RegisterOperationBlockAction(Block);
                if (hasCandidateFields)
                {
                    context.RegisterSymbolEndAction(End);
                }
            }

            /// <summary>
            /// The operations of one member body, as the driver hands each to operation actions (every block's
            /// operations, in order): field uses are recorded (not filtered by Owns: a nested type may write or read
            /// this type's private fields) and candidate shapes evaluated.
            /// </summary>
            private void Block(OperationBlockAnalysisContext context)
            {
                var body = new Body();
                Reporter? reporter = null;
                foreach (var block in context.OperationBlocks)
                {
                    // Without fields (NoFields), both operands trace, through locals of this member only, to a reading
                    // written in this member: a member whose text holds no reading name cannot be flagged that way.
                    // Without candidate fields there is nothing to record and nothing to defer.
                    var root = LocalFlow.Root(block).Syntax;
                    var inMember = clocks.Readings.Allows(root.SyntaxTree, root.Span);
                    if (!inMember && !hasCandidateFields)
                    {
                        continue;
                    }

                    if (!inMember)
                    {
                        // Nothing here can be flagged without fields, and what it records matters only when some field
                        // may have a kind: walked at the end of the type, and only then (see End), with its settings
                        // and candidacy worked out there.
                        (body.Later ??= new List<IOperation>()).Add(block);
                        body.LaterOwner = context.OwningSymbol;
                        continue;
                    }

                    var settings = clocks.Options.Get(block.Syntax.SyntaxTree);
                    Walk(block, settings, IsCandidateOwner(context.OwningSymbol, settings), body, context.ReportDiagnostic, ref reporter);
                }

                if (body.Writes is not null || body.Reads is not null || body.Deferred is not null || body.Later is not null)
                {
                    // Callbacks of one type run concurrently: push without a lock (a lock here is contended).
                    Body? head;
                    do
                    {
                        head = Volatile.Read(ref bodies);
                        body.Next = head;
                    }
                    while (Interlocked.CompareExchange(ref bodies, body, head) != head);
                }
            }

            /// <summary>One block's operations: field uses recorded, candidate shapes evaluated (without fields when <paramref name="report"/> is given) or deferred.</summary>
            private void Walk(IOperation block, Settings settings, bool candidates, Body body, Action<Diagnostic>? report, ref Reporter? reporter)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    switch (operation.Kind)
                    {
                        case OperationKind.FieldReference:
                        case OperationKind.FieldInitializer:
                            if (hasCandidateFields)
                            {
                                body.IncludeTimeProvider |= settings.IncludeTimeProvider;
                                RecordField(operation, settings.IncludeTimeProvider, body);
                            }

                            break;
                        case OperationKind.Binary:
                        case OperationKind.Invocation:
                            if (candidates && IsCandidateShape(operation))
                            {
                                if (report is not null && Evaluate(operation, settings, NoFields, reporter ??= new Reporter(report)))
                                {
                                    break;
                                }

                                // Whether it qualifies through fields is decided at the end of the type, once every field's writes are known.
                                if (hasCandidateFields)
                                {
                                    (body.Deferred ??= new List<IOperation>()).Add(operation);
                                }
                            }

                            break;
                    }
                }
            }

            /// <summary>Whether candidate shapes of <paramref name="owner"/>'s blocks are evaluated: this type's own code, outside test doubles.</summary>
            private bool IsCandidateOwner(ISymbol? owner, Settings settings)
            {
                if (!Owns(owner))
                {
                    return false;
                }

                // An owned member's enclosing types are this type and the types around it, the same for every member
                // (an owner is a member, never a lambda or a local function): asked once per settings object.
                var known = testDouble;
                if (known is not null && ReferenceEquals(known.Settings, settings))
                {
                    return !known.Inside;
                }

                var inside = Contexts.IsInsideTestDouble(owner, settings.TestDoubleWords);
                testDouble = new TestDoubleAnswer(settings, inside);
                return !inside;
            }

            private bool Owns(ISymbol? containing) => SymbolEqualityComparer.Default.Equals(Contexts.ContainingType(containing), type);

            private bool IsCandidateField(IFieldSymbol field, IOperation? instance) =>
                field.DeclaredAccessibility == Accessibility.Private && !field.IsConst && field.RefKind == RefKind.None
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, type)
                && (instance is null || instance is IInstanceReferenceOperation);

            private void RecordField(IOperation operation, bool includeTimeProvider, Body body)
            {
                if (operation is IFieldInitializerOperation initializer)
                {
                    foreach (var field in initializer.InitializedFields)
                    {
                        if (IsCandidateField(field, null))
                        {
                            (body.Writes ??= new List<FieldUse>()).Add(new FieldUse(field, includeTimeProvider, initializer.Value, null, false));
                        }
                    }

                    return;
                }

                var reference = (IFieldReferenceOperation)operation;
                if (!IsCandidateField(reference.Field, null))
                {
                    return;
                }

                FieldUse use;
                switch (reference.Parent)
                {
                    case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                        use = new FieldUse(reference.Field, includeTimeProvider, assignment.Value, null, false);
                        break;
                    case ICompoundAssignmentOperation compound when compound.Target == reference:
                    case IIncrementOrDecrementOperation:
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                        use = new FieldUse(reference.Field, includeTimeProvider, null, null, true);
                        break;
                    default:
                        use = IsInsideDeconstructionTarget(reference) || reference.IsDeclaration
                            ? new FieldUse(reference.Field, includeTimeProvider, null, null, true)
                            : new FieldUse(reference.Field, includeTimeProvider, null, reference, false);
                        break;
                }

                if (use.Read is not null)
                {
                    (body.Reads ??= new List<FieldUse>()).Add(use);
                }
                else
                {
                    (body.Writes ??= new List<FieldUse>()).Add(use);
                }
            }

            private static bool IsInsideDeconstructionTarget(IOperation operation)
            {
                var current = operation;
                for (var i = 0; i < 8 && current.Parent is { } parent; i++)
                {
                    if (parent is IDeconstructionAssignmentOperation deconstruction)
                    {
                        return deconstruction.Target == current;
                    }

                    if (parent is not ITupleOperation && parent is not IConversionOperation)
                    {
                        return false;
                    }

                    current = parent;
                }

                return false;
            }

            /// <summary>Gathers the recorded uses per field (in recording order), once, at the end of the type.</summary>
            /// <summary>
            /// Gathers the recorded writes per field, once, at the end of the type. Reads are only needed by a fix
            /// (see <see cref="GatherReads"/>), unless a body's options include TimeProvider: a read then counts for
            /// <c>IncludeTimeProvider</c> too.
            /// </summary>
            private Dictionary<IFieldSymbol, FieldInfo> GatherFields()
            {
                var gathered = new Dictionary<IFieldSymbol, FieldInfo>(SymbolEqualityComparer.Default);
                var anyTimeProvider = false;
                for (var body = bodies; body is not null; body = body.Next)
                {
                    anyTimeProvider |= body.IncludeTimeProvider;
                    if (body.Writes is not null)
                    {
                        Gather(gathered, body.Writes, create: true);
                    }
                }

                // Callbacks of different members run concurrently: put each field's writes in source order, the
                // order of a sequential run, so that the fix's locations do not depend on timing.
                foreach (var info in gathered.Values)
                {
                    SortBySource(info.Values);
                }

                if (anyTimeProvider)
                {
                    GatherReads(gathered);
                }

                return gathered;
            }

            /// <summary>
            /// A necessary condition for any field to have a kind, from the bodies walked so far. A field has a kind
            /// only when every value written to it traces to a reading written in the same member: a write in a body
            /// left for later (no reading name in its text) leaves it without one. So the kinds of the fields written
            /// only in walked bodies, with TimeProvider counted when any later body counts it, are an upper bound.
            /// </summary>
            private bool MayHaveFieldKind()
            {
                // A field with a kind has a value written to it (Classify), and values come only from the bodies walked.
                var anyWrites = false;
                for (var body = bodies; body is not null && !anyWrites; body = body.Next)
                {
                    anyWrites = body.Writes is not null;
                }

                if (!anyWrites)
                {
                    return false;
                }

                var gathered = new Dictionary<IFieldSymbol, FieldInfo>(SymbolEqualityComparer.Default);
                var laterTimeProvider = false;
                for (var body = bodies; body is not null; body = body.Next)
                {
                    if (body.Writes is not null)
                    {
                        Gather(gathered, body.Writes, create: true);
                    }

                    if (body.Reads is not null)
                    {
                        Gather(gathered, body.Reads, create: false);
                    }

                    if (body.Later is not null)
                    {
                        foreach (var later in body.Later)
                        {
                            laterTimeProvider |= clocks.Options.Get(later.Syntax.SyntaxTree).IncludeTimeProvider;
                        }
                    }
                }

                foreach (var info in gathered.Values)
                {
                    info.IncludeTimeProvider |= laterTimeProvider;
                    if (Classify(info) != FieldKind.None)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Adds every recorded read to the fields' infos (in source order), once.</summary>
            private void GatherReads(Dictionary<IFieldSymbol, FieldInfo> gathered)
            {
                if (readsGathered)
                {
                    return;
                }

                readsGathered = true;
                for (var body = bodies; body is not null; body = body.Next)
                {
                    if (body.Reads is not null)
                    {
                        Gather(gathered, body.Reads, create: true);
                    }
                }

                foreach (var info in gathered.Values)
                {
                    SortBySource(info.Reads);
                }
            }

            private static void Gather(Dictionary<IFieldSymbol, FieldInfo> gathered, List<FieldUse> uses, bool create)
            {
                for (var i = 0; i < uses.Count; i++)
                {
                    var use = uses[i];
                    if (!gathered.TryGetValue(use.Field, out var info))
                    {
                        if (!create)
                        {
                            continue;
                        }

                        info = new FieldInfo();
                        gathered.Add(use.Field, info);
                    }

                    info.IncludeTimeProvider |= use.IncludeTimeProvider;
                    if (use.Value is not null)
                    {
                        info.Values.Add(use.Value);
                    }

                    if (use.Read is not null)
                    {
                        info.Reads.Add(use.Read);
                    }

                    info.OtherWrite |= use.OtherWrite;
                }
            }

            private static void SortBySource<T>(List<T> operations)
                where T : IOperation
            {
                if (operations.Count < 2)
                {
                    return;
                }

                operations.Sort((a, b) =>
                {
                    var byTree = string.CompareOrdinal(a.Syntax.SyntaxTree.FilePath, b.Syntax.SyntaxTree.FilePath);
                    return byTree != 0 ? byTree : a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart);
                });
            }

            /// <summary>The operation shapes <c>Evaluate</c> can flag: a subtraction or an ordering comparison, or an instance <c>Subtract</c> call.</summary>
            private static bool IsCandidateShape(IOperation operation) => operation switch
            {
                IBinaryOperation binary => binary.OperatorKind is BinaryOperatorKind.Subtract
                    or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
                IInvocationOperation { TargetMethod: { Name: "Subtract", IsStatic: false }, Instance: not null } => true,
                _ => false,
            };

            private void End(SymbolAnalysisContext context)
            {
                if (bodies is null || !MayHaveFieldKind())
                {
                    return;
                }

                // Some field may have a kind: walk the bodies left for later, as their callbacks would have.
                for (var body = bodies; body is not null; body = body.Next)
                {
                    if (body.Later is not null)
                    {
                        Reporter? none = null;
                        foreach (var block in body.Later)
                        {
                            var settings = clocks.Options.Get(block.Syntax.SyntaxTree);
                            Walk(block, settings, IsCandidateOwner(body.LaterOwner, settings), body, null, ref none);
                        }

                        body.Later = null;
                    }
                }

                var deferred = new List<IOperation>();
                for (var body = bodies; body is not null; body = body.Next)
                {
                    if (body.Deferred is not null)
                    {
                        deferred.AddRange(body.Deferred);
                    }
                }

                if (deferred.Count == 0)
                {
                    return;
                }

                // A deferred candidate was not flagged without fields (or could not be): when no field has a kind,
                // FinalKind is NoFields and none of them can be flagged now.
                FinalKind(null);
                if (!anyFieldKind)
                {
                    return;
                }

                var reporter = new Reporter(GeneratedSources.OutsideGeneratedCode(context.ReportDiagnostic, context.Options, context.CancellationToken));
                foreach (var operation in deferred)
                {
                    var settings = clocks.Options.Get(operation.Syntax.SyntaxTree);
                    if (Evaluate(operation, settings, anyCandidateField, null))
                    {
                        Evaluate(operation, settings, FinalKind, reporter);
                    }
                }
            }

            /// <summary>The kind of a field once all its writes are known (called from End only; null computes the kinds).</summary>
            private FieldKind FinalKind(IFieldSymbol? field)
            {
                if (finalOracle is null)
                {
                    var kinds = new Dictionary<IFieldSymbol, FieldKind>(SymbolEqualityComparer.Default);
                    foreach (var pair in fields ??= GatherFields())
                    {
                        // Classify first: UsedInNestedType walks the type's syntax.
                        var kind = Classify(pair.Value);
                        kinds[pair.Key] = kind != FieldKind.None && !UsedInNestedType(pair.Key) ? kind : FieldKind.None;
                        anyFieldKind |= kinds[pair.Key] != FieldKind.None;
                    }

                    finalOracle = f => kinds.TryGetValue(f, out var kind) ? kind : FieldKind.None;
                }

                return field is null ? FieldKind.None : finalOracle(field);
            }

            /// <summary>
            /// Nested types are analysed on their own (their operations do not reach this type's actions): a private
            /// field whose name appears in a nested type may be written there, so it never qualifies.
            /// </summary>
            private bool UsedInNestedType(IFieldSymbol field)
            {
                if (type.GetTypeMembers().IsEmpty)
                {
                    return false;
                }

                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    var root = reference.GetSyntax();
                    foreach (var node in root.DescendantNodes())
                    {
                        if (node is BaseTypeDeclarationSyntax nested && node != root)
                        {
                            foreach (var token in nested.DescendantTokens())
                            {
                                if (token.ValueText == field.Name && token.Parent is IdentifierNameSyntax)
                                {
                                    return true;
                                }
                            }
                        }
                    }
                }

                return false;
            }

            private FieldKind Classify(FieldInfo info)
            {
                if (info.OtherWrite || info.Values.Count == 0)
                {
                    return FieldKind.None;
                }

                var kind = FieldKind.All;
                foreach (var value in info.Values)
                {
                    if ((kind & FieldKind.Now) != 0 && !LocalFlow.Traces(value, op => clocks.IsNow(op, info.IncludeTimeProvider)))
                    {
                        kind &= ~FieldKind.Now;
                    }

                    if ((kind & FieldKind.Deadline) != 0 && !LocalFlow.Traces(value, op => IsDeadlineExpression(op, info.IncludeTimeProvider, _ => FieldKind.None)))
                    {
                        kind &= ~FieldKind.Deadline;
                    }

                    if ((kind & FieldKind.Tick) != 0 && !LocalFlow.Traces(value, clocks.IsTickCount))
                    {
                        kind &= ~FieldKind.Tick;
                    }
                }

                return kind;
            }

            // ---- Qualification ----------------------------------------------------------------------------

            private bool QualifiesNow(IOperation operand, bool includeTimeProvider, Func<IFieldSymbol, FieldKind> oracle) =>
                LocalFlow.Traces(operand, op => clocks.IsNow(op, includeTimeProvider) || FieldIs(op, oracle, FieldKind.Now));

            private bool QualifiesDeadline(IOperation operand, bool includeTimeProvider, Func<IFieldSymbol, FieldKind> oracle) =>
                LocalFlow.Traces(operand, op => IsDeadlineExpression(op, includeTimeProvider, oracle) || FieldIs(op, oracle, FieldKind.Deadline));

            private bool QualifiesTick(IOperation operand, Func<IFieldSymbol, FieldKind> oracle) =>
                LocalFlow.Traces(operand, op => clocks.IsTickCount(op) || FieldIs(op, oracle, FieldKind.Tick));

            private bool FieldIs(IOperation operation, Func<IFieldSymbol, FieldKind> oracle, FieldKind kind) =>
                operation is IFieldReferenceOperation reference && IsCandidateField(reference.Field, reference.Instance) && (oracle(reference.Field) & kind) != 0;

            /// <summary><c>*Now + d</c>, <c>d + *Now</c> or <c>*Now.AddX(…)</c> (the reading directly or through a local).</summary>
            private bool IsDeadlineExpression(IOperation operation, bool includeTimeProvider, Func<IFieldSymbol, FieldKind> oracle)
            {
                switch (operation)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when clocks.IsWallType(add.Type):
                        return (clocks.IsTimeSpan(add.RightOperand.Type) && QualifiesNow(add.LeftOperand, includeTimeProvider, oracle))
                            || (clocks.IsTimeSpan(add.LeftOperand.Type) && QualifiesNow(add.RightOperand, includeTimeProvider, oracle));
                    case IInvocationOperation { TargetMethod: { IsStatic: false } method, Instance: { } instance } when method.Name.StartsWith("Add", StringComparison.Ordinal)
                        && clocks.IsWallType(method.ContainingType) && clocks.IsWallType(method.ReturnType):
                        return QualifiesNow(instance, includeTimeProvider, oracle);
                    default:
                        return false;
                }
            }

            // ---- Forms --------------------------------------------------------------------------------------

            /// <summary>Checks one candidate; reports through <paramref name="reporter"/> when given. Returns whether it is flagged.</summary>
            private bool Evaluate(IOperation operation, Settings settings, Func<IFieldSymbol, FieldKind> oracle, Reporter? reporter)
            {
                var tp = settings.IncludeTimeProvider;
                switch (operation)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } binary when clocks.IsTimeSpan(binary.Type)
                        && clocks.IsWallType(binary.LeftOperand.Type) && clocks.IsWallType(binary.RightOperand.Type):
                        if (!BothDirect(binary.LeftOperand, binary.RightOperand, tp) && QualifiesNow(binary.LeftOperand, tp, oracle) && QualifiesNow(binary.RightOperand, tp, oracle))
                        {
                            reporter?.Report(binary.Syntax.GetLocation(), Message.Difference(binary.Syntax), DifferenceFix(binary.RightOperand, oracle));
                            return true;
                        }

                        return false;

                    case IInvocationOperation { TargetMethod: { Name: "Subtract", IsStatic: false } method, Instance: { } instance } invocation
                        when invocation.Arguments.Length == 1 && method.Parameters.Length == 1 && clocks.IsWallType(method.ContainingType) && clocks.IsWallType(method.Parameters[0].Type):
                        if (!BothDirect(instance, invocation.Arguments[0].Value, tp) && QualifiesNow(instance, tp, oracle) && QualifiesNow(invocation.Arguments[0].Value, tp, oracle))
                        {
                            var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                                ? access.Name.Identifier.GetLocation()
                                : invocation.Syntax.GetLocation();
                            reporter?.Report(location, Message.Difference(invocation.Syntax), DifferenceFix(invocation.Arguments[0].Value, oracle));
                            return true;
                        }

                        return false;

                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } comparison:
                        if (clocks.IsWallType(comparison.LeftOperand.Type) && clocks.IsWallType(comparison.RightOperand.Type))
                        {
                            IOperation? deadline = null;
                            IOperation? now = null;
                            if (QualifiesDeadline(comparison.RightOperand, tp, oracle) && QualifiesNow(comparison.LeftOperand, tp, oracle))
                            {
                                deadline = comparison.RightOperand;
                                now = comparison.LeftOperand;
                            }
                            else if (QualifiesDeadline(comparison.LeftOperand, tp, oracle) && QualifiesNow(comparison.RightOperand, tp, oracle))
                            {
                                deadline = comparison.LeftOperand;
                                now = comparison.RightOperand;
                            }

                            if (deadline is null || now is null || !InLoopOrWait(comparison))
                            {
                                return false;
                            }

                            reporter?.Report(comparison.Syntax.GetLocation(), Message.Deadline(comparison.Syntax), DeadlineFix(deadline));
                            return true;
                        }

                        if (QualifiesTick(comparison.LeftOperand, oracle) && QualifiesTick(comparison.RightOperand, oracle))
                        {
                            reporter?.Report(comparison.Syntax.GetLocation(), Message.TickComparison(comparison.Syntax), null);
                            return true;
                        }

                        return false;

                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } tickDifference:
                        var widened = tickDifference.Type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_UInt32);
                        if ((widened || tickDifference.IsChecked) && QualifiesTick(tickDifference.LeftOperand, oracle) && QualifiesTick(tickDifference.RightOperand, oracle))
                        {
                            reporter?.Report(
                                tickDifference.Syntax.GetLocation(),
                                widened ? Message.TickWidened(tickDifference.Syntax) : Message.TickChecked(tickDifference.Syntax),
                                TickFix(tickDifference, oracle));
                            return true;
                        }

                        return false;

                    default:
                        return false;
                }
            }

            /// <summary>
            /// Two readings taken in the same expression (<c>DateTime.Now - DateTime.UtcNow</c>) measure no interval:
            /// that is the local UTC offset, not elapsed time.
            /// </summary>
            private bool BothDirect(IOperation left, IOperation right, bool includeTimeProvider) =>
                clocks.IsNow(LocalFlow.Unwrap(left), includeTimeProvider) && clocks.IsNow(LocalFlow.Unwrap(right), includeTimeProvider);

            /// <summary>Inside a loop, or inside a lambda passed to a call whose name carries Wait or Until (<c>SpinWait.SpinUntil</c>).</summary>
            private static bool InLoopOrWait(IOperation operation)
            {
                var current = operation;
                for (var i = 0; i < 64 && current.Parent is { } parent; i++)
                {
                    if (parent is ILoopOperation)
                    {
                        return true;
                    }

                    if (parent is IInvocationOperation invocation && current is IArgumentOperation argument
                        && LocalFlow.Unwrap(argument.Value) is IDelegateCreationOperation or IAnonymousFunctionOperation)
                    {
                        var words = Words.Split(invocation.TargetMethod.Name);
                        for (var w = 0; w < words.Count; w++)
                        {
                            if (words.WordIs(w, "Wait", plural: false) || words.WordIs(w, "Until", plural: false))
                            {
                                return true;
                            }
                        }
                    }

                    current = parent;
                }

                return false;
            }

            // ---- Fixes --------------------------------------------------------------------------------------

            /// <summary>
            /// A fix depends only on the local or field it rewrites (its writes and reads), once the checks on the
            /// flagged operation itself have passed: built once per symbol and shared by every diagnostic on it, so
            /// that n differences from one start local cost n, not n² (each fix walks all n reads).
            /// </summary>
            private Fix? Cached(ISymbol? key, FixKind kind, Func<Edits?> build)
            {
                if (key is null)
                {
                    return Fix.From(build());
                }

                var all = Volatile.Read(ref fixes);
                if (all is null)
                {
                    var created = new Dictionary<ISymbol, Fix?>[3];
                    for (var i = 0; i < created.Length; i++)
                    {
                        created[i] = new Dictionary<ISymbol, Fix?>(SymbolEqualityComparer.Default);
                    }

                    all = Interlocked.CompareExchange(ref fixes, created, null) ?? created;
                }

                var byKind = all[(int)kind];
                lock (all)
                {
                    if (byKind.TryGetValue(key, out var known))
                    {
                        return known;
                    }
                }

                // Built outside the lock: two threads may build the same fix; the result is the same, the first one stored is kept.
                var fix = Fix.From(build());
                lock (all)
                {
                    if (byKind.TryGetValue(key, out var stored))
                    {
                        return stored;
                    }

                    byKind.Add(key, fix);
                }

                return fix;
            }

            /// <summary>The local, or the candidate field of the kind the oracle gives, that a fix rewrites; null when none (no fix, nothing to cache).</summary>
            private ISymbol? FixSymbol(IOperation operand, Func<IFieldSymbol, FieldKind> oracle, FieldKind kind) => LocalFlow.Unwrap(operand) switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field when IsCandidateField(field.Field, field.Instance) && (oracle(field.Field) & kind) != 0 => field.Field,
                _ => null,
            };

            private Fix? DifferenceFix(IOperation subtrahend, Func<IFieldSymbol, FieldKind> oracle) =>
                clocks.HasStopwatch ? Cached(FixSymbol(subtrahend, oracle, FieldKind.Now), FixKind.Difference, () => BuildDifferenceFix(subtrahend, oracle)) : null;

            private Edits? BuildDifferenceFix(IOperation subtrahend, Func<IFieldSymbol, FieldKind> oracle)
            {
                if (!clocks.HasStopwatch)
                {
                    return null;
                }

                var useElapsedTime = clocks.HasGetElapsedTime;
                var edits = new Edits();
                IReadOnlyList<IOperation> values;
                IEnumerable<IOperation> reads;
                SyntaxNode? declarationType;
                switch (LocalFlow.Unwrap(subtrahend))
                {
                    case ILocalReferenceOperation local:
                        var index = LocalFlow.IndexFor(local);
                        if (index.IsUntracked(local.Local))
                        {
                            return null;
                        }

                        values = index.ValuesAssignedTo(local.Local);
                        reads = index.ReadsOf(local.Local);
                        declarationType = SingleDeclarationType(local.Local);
                        break;
                    case IFieldReferenceOperation field when IsCandidateField(field.Field, field.Instance) && (oracle(field.Field) & FieldKind.Now) != 0
                        && fields is not null && fields.TryGetValue(field.Field, out var info):
                        GatherReads(fields);
                        values = info.Values;
                        reads = info.Reads;
                        declarationType = SingleDeclarationType(field.Field);
                        break;
                    default:
                        return null;
                }

                if (declarationType is null || values.Count == 0)
                {
                    return null;
                }

                foreach (var value in values)
                {
                    if (!clocks.IsNowProperty(LocalFlow.Unwrap(value)))
                    {
                        return null;
                    }

                    edits.Add(value.Syntax, useElapsedTime ? EditGetTimestamp : EditStartNew);
                }

                foreach (var read in reads)
                {
                    var difference = read.Parent switch
                    {
                        IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } b when b.RightOperand == read && clocks.IsTimeSpan(b.Type)
                            && clocks.IsNowProperty(LocalFlow.Unwrap(b.LeftOperand)) => b.Syntax,
                        IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Subtract", Instance: { } i } inv } when clocks.IsTimeSpan(inv.Type)
                            && clocks.IsNowProperty(LocalFlow.Unwrap(i)) => inv.Syntax,
                        _ => null,
                    };
                    if (difference is null)
                    {
                        return null;
                    }

                    edits.Add(difference, useElapsedTime ? EditGetElapsedTime : EditElapsed);
                }

                if (declarationType is TypeSyntax { IsVar: false })
                {
                    edits.Add(declarationType, useElapsedTime ? EditRetypeLong : EditRetypeStopwatch);
                }

                return edits;
            }

            private Fix? DeadlineFix(IOperation deadline) =>
                clocks.HasGetElapsedTime && LocalFlow.Unwrap(deadline) is ILocalReferenceOperation local
                    ? Cached(local.Local, FixKind.Deadline, () => BuildDeadlineFix(deadline))
                    : null;

            private Edits? BuildDeadlineFix(IOperation deadline)
            {
                if (!clocks.HasGetElapsedTime || LocalFlow.Unwrap(deadline) is not ILocalReferenceOperation local)
                {
                    return null;
                }

                var index = LocalFlow.IndexFor(local);
                var values = index.ValuesAssignedTo(local.Local);
                if (index.IsUntracked(local.Local) || values.Count != 1 || values[0].Parent is not IVariableInitializerOperation
                    || values[0].Syntax.Parent?.Parent is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } })
                {
                    return null;
                }

                SyntaxNode? duration = null;
                string? kind = null;
                switch (LocalFlow.Unwrap(values[0]))
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                        var t = clocks.IsNowProperty(LocalFlow.Unwrap(add.LeftOperand)) ? add.RightOperand
                            : clocks.IsNowProperty(LocalFlow.Unwrap(add.RightOperand)) ? add.LeftOperand : null;
                        if (t is not null && clocks.IsTimeSpan(t.Type) && IsStable(t, 0))
                        {
                            duration = t.Syntax;
                            kind = "Plus";
                        }

                        break;
                    case IInvocationOperation { Instance: { } instance, TargetMethod.Name: var name } add when add.Arguments.Length == 1 && clocks.IsNowProperty(LocalFlow.Unwrap(instance))
                        && IsStable(add.Arguments[0].Value, 0):
                        if (name == "Add")
                        {
                            duration = add.Arguments[0].Value.Syntax;
                            kind = "Plus";
                        }
                        else if (name.StartsWith("Add", StringComparison.Ordinal) && Array.IndexOf(AddUnits, name.Substring(3)) >= 0)
                        {
                            duration = add.Arguments[0].Value.Syntax;
                            kind = name.Substring(3);
                        }

                        break;
                }

                if (duration is null || kind is null)
                {
                    return null;
                }

                var edits = new Edits();
                edits.Add(statement, EditDeadlineStatement);
                edits.Add(duration, EditDurationPrefix + kind);
                foreach (var read in index.ReadsOf(local.Local))
                {
                    if (read.Parent is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } comparison)
                    {
                        return null;
                    }

                    var other = comparison.LeftOperand == read ? comparison.RightOperand : comparison.LeftOperand;
                    if (!clocks.IsNowProperty(LocalFlow.Unwrap(other)))
                    {
                        return null;
                    }

                    edits.Add(other.Syntax, EditDeadlineNow);
                    edits.Add(read.Syntax, EditDeadlineOperand);
                }

                return edits;
            }

            /// <summary>A duration the fix may evaluate again at each comparison: constants, parameters, single-assignment locals, fields, properties, and <c>TimeSpan</c> factories of those.</summary>
            private bool IsStable(IOperation operation, int depth)
            {
                if (depth > 8)
                {
                    return false;
                }

                var op = LocalFlow.Unwrap(operation);
                if (op.ConstantValue.HasValue)
                {
                    return true;
                }

                switch (op)
                {
                    case ILiteralOperation:
                    case IParameterReferenceOperation:
                    case IFieldReferenceOperation:
                    case IPropertyReferenceOperation { Arguments.IsEmpty: true }:
                        return true;
                    case ILocalReferenceOperation local:
                        var index = LocalFlow.IndexFor(local);
                        return !index.IsUntracked(local.Local) && index.ValuesAssignedTo(local.Local).Count <= 1;
                    case IInvocationOperation { TargetMethod.IsStatic: true } invocation when clocks.IsTimeSpan(invocation.TargetMethod.ContainingType):
                    case IObjectCreationOperation creation when clocks.IsTimeSpan(creation.Type):
                        foreach (var child in op.ChildOperations)
                        {
                            var value = child is IArgumentOperation argument ? argument.Value : child;
                            if (!IsStable(value, depth + 1))
                            {
                                return false;
                            }
                        }

                        return true;
                    case IBinaryOperation binary:
                        return IsStable(binary.LeftOperand, depth + 1) && IsStable(binary.RightOperand, depth + 1);
                    default:
                        return false;
                }
            }

            private Fix? TickFix(IBinaryOperation difference, Func<IFieldSymbol, FieldKind> oracle) =>
                clocks.HasTickCount64 && clocks.IsTickCount(LocalFlow.Unwrap(difference.LeftOperand))
                    ? Cached(FixSymbol(difference.RightOperand, oracle, FieldKind.Tick), FixKind.Tick, () => BuildTickFix(difference, oracle))
                    : null;

            private Edits? BuildTickFix(IBinaryOperation difference, Func<IFieldSymbol, FieldKind> oracle)
            {
                if (!clocks.HasTickCount64 || !clocks.IsTickCount(LocalFlow.Unwrap(difference.LeftOperand)))
                {
                    return null;
                }

                IReadOnlyList<IOperation> values;
                IEnumerable<IOperation> reads;
                SyntaxNode? declarationType;
                switch (LocalFlow.Unwrap(difference.RightOperand))
                {
                    case ILocalReferenceOperation local:
                        var index = LocalFlow.IndexFor(local);
                        if (index.IsUntracked(local.Local))
                        {
                            return null;
                        }

                        values = index.ValuesAssignedTo(local.Local);
                        reads = index.ReadsOf(local.Local);
                        declarationType = SingleDeclarationType(local.Local);
                        break;
                    case IFieldReferenceOperation field when IsCandidateField(field.Field, field.Instance) && (oracle(field.Field) & FieldKind.Tick) != 0
                        && fields is not null && fields.TryGetValue(field.Field, out var info):
                        GatherReads(fields);
                        values = info.Values;
                        reads = info.Reads;
                        declarationType = SingleDeclarationType(field.Field);
                        break;
                    default:
                        return null;
                }

                if (declarationType is null || values.Count == 0)
                {
                    return null;
                }

                var edits = new Edits();
                foreach (var value in values)
                {
                    if (!clocks.IsTickCount(LocalFlow.Unwrap(value)))
                    {
                        return null;
                    }

                    edits.Add(TickCountNode(value), EditTickCount64);
                }

                foreach (var read in reads)
                {
                    var current = read;
                    while (current.Parent is IConversionOperation conversion)
                    {
                        current = conversion;
                    }

                    if (current.Parent is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } subtraction || subtraction.RightOperand != current
                        || !clocks.IsTickCount(LocalFlow.Unwrap(subtraction.LeftOperand))
                        || (subtraction.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 && !subtraction.IsChecked))
                    {
                        return null;
                    }

                    if (current != read && current.Syntax is CastExpressionSyntax && current.Type?.SpecialType == SpecialType.System_Int64)
                    {
                        edits.Add(current.Syntax, EditDropCast);
                    }

                    edits.Add(TickCountNode(subtraction.LeftOperand), EditTickCount64);
                    if (subtraction.Type?.SpecialType == SpecialType.System_Int32 && !DifferenceFlow(subtraction, edits))
                    {
                        return null;
                    }
                }

                if (declarationType is TypeSyntax { IsVar: false } typeSyntax && typeSyntax is PredefinedTypeSyntax predefined && predefined.Keyword.ValueText == "int")
                {
                    edits.Add(declarationType, EditRetypeLong);
                }

                return edits;
            }

            /// <summary>The node that becomes <c>Environment.TickCount64</c>: a <c>(long)</c> cast of the reading as a whole, else the reading.</summary>
            private static SyntaxNode TickCountNode(IOperation value)
            {
                if (value is IConversionOperation { IsImplicit: false, Type.SpecialType: SpecialType.System_Int64 } && value.Syntax is CastExpressionSyntax cast)
                {
                    return cast;
                }

                return LocalFlow.Unwrap(value).Syntax;
            }

            /// <summary>An <c>int</c> difference becomes <c>long</c>: retype the <c>int</c> local it initializes, or cast it back where it flows into an <c>int</c>.</summary>
            private static bool DifferenceFlow(IBinaryOperation difference, Edits edits)
            {
                var outer = difference.Syntax;
                while (outer.Parent is ParenthesizedExpressionSyntax or CheckedExpressionSyntax)
                {
                    outer = outer.Parent;
                }

                if (difference.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                    && SingleDeclarationType(declarator.Symbol) is TypeSyntax declared)
                {
                    var index = LocalFlow.IndexFor(difference);
                    var allSafe = index.ValuesAssignedTo(declarator.Symbol).Count == 1;
                    foreach (var read in index.ReadsOf(declarator.Symbol))
                    {
                        allSafe &= LongSafe(read);
                    }

                    if (allSafe)
                    {
                        if (!declared.IsVar)
                        {
                            edits.Add(declared, EditRetypeLong);
                        }

                        return true;
                    }

                    edits.Add(outer, EditCastToInt);
                    return true;
                }

                if (!LongSafe(difference))
                {
                    edits.Add(outer, EditCastToInt);
                }

                return true;
            }

            /// <summary>Whether an <c>int</c> value could be a <c>long</c> here without a compile error or a change of meaning.</summary>
            private static bool LongSafe(IOperation value) => value.Parent switch
            {
                IConversionOperation { IsImplicit: false } => true,
                IConversionOperation { Type.SpecialType: SpecialType.System_Int64 or SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal or SpecialType.System_Object } => true,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } => true,
                IInterpolationOperation => true,
                _ => false,
            };

            private static SyntaxNode? SingleDeclarationType(ISymbol symbol)
            {
                var references = symbol.DeclaringSyntaxReferences;
                if (references.Length != 1)
                {
                    return null;
                }

                return references[0].GetSyntax() is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration } ? declaration.Type : null;
            }
        }

        private enum FixKind
        {
            Difference = 0,
            Tick = 1,
            Deadline = 2,
        }

        /// <summary>The edits of one fix: a node and an edit code each, in order, without repeats.</summary>
        private sealed class Edits
        {
            private readonly List<(SyntaxNode Node, string Code)> items = new List<(SyntaxNode, string)>();
            private readonly HashSet<(SyntaxNode Node, string Code)> seen = new HashSet<(SyntaxNode, string)>();

            public IReadOnlyList<(SyntaxNode Node, string Code)> Items => items;

            public void Add(SyntaxNode node, string code)
            {
                if (seen.Add((node, code)))
                {
                    items.Add((node, code));
                }
            }
        }

        /// <summary>A fix encoded for diagnostics: the edit codes and their spans, one properties object shared by every diagnostic it applies to.</summary>
        private sealed class Fix
        {
            private readonly SyntaxTree? tree;
            private readonly bool manyTrees;

            private Fix(Edits edits)
            {
                var codes = new StringBuilder();
                var spans = new StringBuilder();
                foreach (var (node, code) in edits.Items)
                {
                    if (codes.Length > 0)
                    {
                        codes.Append(',');
                        spans.Append(',');
                    }

                    codes.Append(code);
                    spans.Append(node.Span.Start).Append('+').Append(node.Span.Length);
                    tree ??= node.SyntaxTree;
                    manyTrees |= node.SyntaxTree != tree;
                }

                Properties = ImmutableDictionary<string, string?>.Empty.Add(EditsProperty, codes.ToString()).Add(SpansProperty, spans.ToString());
            }

            public ImmutableDictionary<string, string?> Properties { get; }

            public static Fix? From(Edits? edits) => edits is null ? null : new Fix(edits);

            /// <summary>Whether every edit is in <paramref name="syntaxTree"/> (the fix rewrites one document, and its spans are read in the diagnostic's tree).</summary>
            public bool InTree(SyntaxTree syntaxTree) => !manyTrees && (tree is null || tree == syntaxTree);
        }

        private sealed class Reporter
        {
            private readonly Action<Diagnostic> report;

            public Reporter(Action<Diagnostic> report)
            {
                this.report = report;
            }

            public void Report(Location location, string message, Fix? fix)
            {
                if (fix is not null && location.SourceTree is { } tree && fix.InTree(tree))
                {
                    report(Diagnostic.Create(Descriptors.DIST105_WallClockForElapsedTime, location, fix.Properties, message));
                    return;
                }

                report(Diagnostic.Create(Descriptors.DIST105_WallClockForElapsedTime, location, message));
            }
        }

        private static class Message
        {
            public static string Difference(SyntaxNode node) =>
                $"'{Short(node)}' measures elapsed time with the wall clock, which jumps and is slewed; measure with Stopwatch.GetTimestamp() and Stopwatch.GetElapsedTime(start)";

            public static string Deadline(SyntaxNode node) =>
                $"'{Short(node)}' waits for a wall-clock deadline, which arrives early or never when the clock is adjusted; measure the wait with Stopwatch";

            public static string TickComparison(SyntaxNode node) =>
                $"'{Short(node)}' compares Environment.TickCount values, which breaks when the 32-bit count wraps; compare an unchecked difference with the timeout, or use Environment.TickCount64";

            public static string TickWidened(SyntaxNode node) =>
                $"'{Short(node)}' widens Environment.TickCount before subtracting, which breaks when the 32-bit count wraps; subtract as int in an unchecked context, or use Environment.TickCount64";

            public static string TickChecked(SyntaxNode node) =>
                $"'{Short(node)}' subtracts Environment.TickCount values in a checked context, which throws when the 32-bit count wraps; use Environment.TickCount64";

            private static string Short(SyntaxNode node)
            {
                var text = node.ToString();
                return text.Length > 80 ? text.Substring(0, 77) + "..." : text;
            }
        }
    }
}
