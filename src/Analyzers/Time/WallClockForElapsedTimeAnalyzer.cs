using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

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
        /// <summary>Diagnostic property: comma-separated edit codes, one per additional location (see <c>WallClockForElapsedTimeCodeFix</c>).</summary>
        public const string EditsProperty = "Edits";

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
            var clocks = new Clocks(symbols, new OptionsCache<Settings>(context.Options, DiagnosticIds.WallClockForElapsedTime, reader => new Settings(
                reader.Get(IncludeTimeProvider), reader.Get(RuleOptions.TestDoubleWords))));
            context.RegisterSymbolStartAction(start => new TypeAnalysis(clocks, (INamedTypeSymbol)start.Symbol).Register(start), SymbolKind.NamedType);
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
            public Clocks(KnownSymbols symbols, OptionsCache<Settings> options)
            {
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
            private readonly Clocks clocks;
            private readonly INamedTypeSymbol type;
            private readonly ConcurrentDictionary<IFieldSymbol, FieldInfo> fields = new ConcurrentDictionary<IFieldSymbol, FieldInfo>(SymbolEqualityComparer.Default);
            private readonly ConcurrentQueue<IOperation> deferred = new ConcurrentQueue<IOperation>();
            private Func<IFieldSymbol, FieldKind>? finalOracle;

            public TypeAnalysis(Clocks clocks, INamedTypeSymbol type)
            {
                this.clocks = clocks;
                this.type = type;
            }

            public void Register(SymbolStartAnalysisContext context)
            {
                context.RegisterOperationAction(RecordField, OperationKind.FieldReference, OperationKind.FieldInitializer);
                context.RegisterOperationAction(AnalyzeCandidate, OperationKind.Binary, OperationKind.Invocation);
                context.RegisterSymbolEndAction(End);
            }

            private bool Owns(ISymbol? containing) => SymbolEqualityComparer.Default.Equals(Contexts.ContainingType(containing), type);

            private bool IsCandidateField(IFieldSymbol field, IOperation? instance) =>
                field.DeclaredAccessibility == Accessibility.Private && !field.IsConst && field.RefKind == RefKind.None
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, type)
                && (instance is null || instance is IInstanceReferenceOperation);

            private void RecordField(OperationAnalysisContext context)
            {
                // Not filtered by Owns: a nested type may write or read this type's private fields.
                var settings = clocks.Options.Get(context.Operation.Syntax.SyntaxTree);
                if (context.Operation is IFieldInitializerOperation initializer)
                {
                    foreach (var field in initializer.InitializedFields)
                    {
                        if (IsCandidateField(field, null))
                        {
                            Record(field, settings, info => info.Values.Add(initializer.Value));
                        }
                    }

                    return;
                }

                var reference = (IFieldReferenceOperation)context.Operation;
                if (!IsCandidateField(reference.Field, null))
                {
                    return;
                }

                switch (reference.Parent)
                {
                    case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                        Record(reference.Field, settings, info => info.Values.Add(assignment.Value));
                        break;
                    case ICompoundAssignmentOperation compound when compound.Target == reference:
                    case IIncrementOrDecrementOperation:
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                        Record(reference.Field, settings, info => info.OtherWrite = true);
                        break;
                    default:
                        if (IsInsideDeconstructionTarget(reference) || reference.IsDeclaration)
                        {
                            Record(reference.Field, settings, info => info.OtherWrite = true);
                        }
                        else
                        {
                            Record(reference.Field, settings, info => info.Reads.Add(reference));
                        }

                        break;
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

            private void Record(IFieldSymbol field, Settings settings, Action<FieldInfo> update)
            {
                var info = fields.GetOrAdd(field, _ => new FieldInfo());
                lock (info)
                {
                    info.IncludeTimeProvider |= settings.IncludeTimeProvider;
                    update(info);
                }
            }

            private void AnalyzeCandidate(OperationAnalysisContext context)
            {
                if (!Owns(context.ContainingSymbol))
                {
                    return;
                }

                var settings = clocks.Options.Get(context.Operation.Syntax.SyntaxTree);
                if (Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubleWords))
                {
                    return;
                }

                var reporter = new Reporter(context.ReportDiagnostic);
                if (Evaluate(context.Operation, settings, _ => FieldKind.None, reporter))
                {
                    return;
                }

                if (Evaluate(context.Operation, settings, f => IsCandidateField(f, null) ? FieldKind.All : FieldKind.None, null))
                {
                    deferred.Enqueue(context.Operation);
                }
            }

            private void End(SymbolAnalysisContext context)
            {
                if (deferred.IsEmpty)
                {
                    return;
                }

                var reporter = new Reporter(context.ReportDiagnostic);
                foreach (var operation in deferred)
                {
                    var settings = clocks.Options.Get(operation.Syntax.SyntaxTree);
                    Evaluate(operation, settings, FinalKind, reporter);
                }
            }

            private FieldKind FinalKind(IFieldSymbol field)
            {
                if (finalOracle is null)
                {
                    var kinds = new Dictionary<IFieldSymbol, FieldKind>(SymbolEqualityComparer.Default);
                    foreach (var pair in fields)
                    {
                        kinds[pair.Key] = UsedInNestedType(pair.Key) ? FieldKind.None : Classify(pair.Value);
                    }

                    finalOracle = f => kinds.TryGetValue(f, out var kind) ? kind : FieldKind.None;
                }

                return finalOracle(field);
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

            private Edits? DifferenceFix(IOperation subtrahend, Func<IFieldSymbol, FieldKind> oracle)
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
                        && fields.TryGetValue(field.Field, out var info):
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

            private Edits? DeadlineFix(IOperation deadline)
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

            private Edits? TickFix(IBinaryOperation difference, Func<IFieldSymbol, FieldKind> oracle)
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
                        && fields.TryGetValue(field.Field, out var info):
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

        /// <summary>The edits of one fix: a node and an edit code each.</summary>
        private sealed class Edits
        {
            private readonly List<(SyntaxNode Node, string Code)> items = new List<(SyntaxNode, string)>();

            public void Add(SyntaxNode node, string code)
            {
                foreach (var item in items)
                {
                    if (item.Node == node && item.Code == code)
                    {
                        return;
                    }
                }

                items.Add((node, code));
            }

            public bool InTree(SyntaxTree tree)
            {
                foreach (var item in items)
                {
                    if (item.Node.SyntaxTree != tree)
                    {
                        return false;
                    }
                }

                return true;
            }

            public (IEnumerable<Location> Locations, string Codes) Encode()
            {
                var locations = new List<Location>(items.Count);
                var codes = new StringBuilder();
                foreach (var (node, code) in items)
                {
                    locations.Add(node.GetLocation());
                    if (codes.Length > 0)
                    {
                        codes.Append(',');
                    }

                    codes.Append(code);
                }

                return (locations, codes.ToString());
            }
        }

        private sealed class Reporter
        {
            private readonly Action<Diagnostic> report;

            public Reporter(Action<Diagnostic> report)
            {
                this.report = report;
            }

            public void Report(Location location, string message, Edits? edits)
            {
                if (edits is not null && location.SourceTree is { } tree && edits.InTree(tree))
                {
                    var (locations, codes) = edits.Encode();
                    report(Diagnostic.Create(
                        Descriptors.DIST105_WallClockForElapsedTime, location, locations, ImmutableDictionary<string, string?>.Empty.Add(EditsProperty, codes), message));
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
