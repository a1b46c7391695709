using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Time
{
    /// <summary>DIST101: a monotonic clock reading (or a raw Stopwatch tick duration) stored in a message, written out, or compared with a message member.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MonotonicClockCrossesProcessAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: the fix form (<see cref="FixMillis"/>, <see cref="FixProviderMillis"/>, <see cref="FixUtcNow"/>); absent when no fix applies.</summary>
        public const string FixProperty = "Fix";

        /// <summary>Diagnostic property: "true" when the fix also removes the local declaration (additional location 1).</summary>
        public const string RemoveLocalProperty = "RemoveLocal";

        public const string FixMillis = "Millis";
        public const string FixProviderMillis = "ProviderMillis";
        public const string FixUtcNow = "UtcNow";

        public static readonly RuleOption<WordList> RttWords = RuleOptions.Words("rtt_words", "Echo, Origin, RoundTrip, Rtt");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DIST101_MonotonicClockCrossesProcess);

        private const string StoredMessage = "'{0}' is a monotonic clock reading and leaves the process here; its origin (boot, process start) differs per process and machine, so send a wall-clock timestamp or a duration";
        private const string ComparedMessage = "'{0}' compares a local monotonic clock reading with '{1}', a value from a message; readings of different processes have different origins";
        private const string RawTicksMessage = "'{0}' is a raw Stopwatch tick count in Stopwatch.Frequency units, which differ between machines (10^9/s on Linux, 10^7/s on Windows); send a TimeSpan, milliseconds or Stopwatch.GetElapsedTime(start)";

        public override IEnumerable<RuleOption> Options => new RuleOption[] { RuleOptions.MessageTypeWords, RttWords, RuleOptions.TestDoubleWords };

        protected override bool IsEnabled(KnownSymbols symbols) =>
            symbols.Get("System.Diagnostics.Stopwatch") is not null || symbols.Get("System.Environment") is not null || symbols.Get("System.TimeProvider") is not null;

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var readings = new MonotonicReadings(symbols);
            var timeSpan = symbols.TimeSpan;
            var boundary = new ProcessBoundary(symbols, type => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
                or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Double or SpecialType.System_Decimal
                or SpecialType.System_Object or SpecialType.System_DateTime
                || SymbolEqualityComparer.Default.Equals(type, timeSpan) || type.TypeKind == TypeKind.TypeParameter,
                MayTraceToReading);
            var dateTime = symbols.DateTime;
            var options = new OptionsCache<Settings>(context.Options, DiagnosticIds.MonotonicClockCrossesProcess, reader => new Settings(
                reader.Get(RuleOptions.MessageTypeWords), reader.Get(RttWords), reader.Get(RuleOptions.TestDoubleWords)));
            // Every report traces, through locals of the member only, to a reading written in the member that holds the
            // store or comparison: GetTimestamp(), TickCount(64), or Elapsed/ElapsedMilliseconds/ElapsedTicks (also
            // the raw tick durations and new DateTime(reading)). A member that writes none of these has nothing to report;
            // nor has one whose only Elapsed/ElapsedMilliseconds is read from a local stopwatch (ReadingAnchors).
            var gate = new TreeGate(this, ReadingAnchors);
            var analysis = new Analysis(readings, boundary, dateTime, options, gate);
            // One walk of the members that write a reading, for stores and comparisons alike.
            var kinds = new List<OperationKind>(ProcessBoundary.StoreKinds) { OperationKind.Binary }.ToArray();
            AnchoredOperations.RegisterInAnchoredMembers(context, this, gate, site =>
            {
                if (site.Operation.Kind == OperationKind.Binary)
                {
                    analysis.AnalyzeComparison(site);
                }
                else
                {
                    analysis.AnalyzeStore(site);
                }
            }, kinds);
        }

        /// <summary>
        /// Where a member may write a reading: every <c>GetTimestamp</c>, <c>TickCount</c> and <c>Elapsed…</c>, except an
        /// <c>Elapsed</c> or <c>ElapsedMilliseconds</c> read from a local or parameter (<c>var sw = Stopwatch.StartNew();
        /// … sw.ElapsedMilliseconds</c>, the common way to time a piece of work): only a process-wide stopwatch's, read
        /// from its field, is a reading (<see cref="MonotonicReadings.IsReading"/>), and a local's is no raw tick
        /// duration either (only <c>ElapsedTicks</c> is, which is always kept).
        /// </summary>
        private static void ReadingAnchors(SyntaxTree tree, string text, TreeGate.Anchors anchors)
        {
            anchors.Add("GetTimestamp").Add("TickCount");
            var tokens = new TokenFinder(tree);
            foreach (var at in SourceTexts.Occurrences(tree, "Elapsed", lowered: false))
            {
                if (!LocalNames.IsReadFromLocal(tokens.At(at), "Elapsed", "ElapsedMilliseconds"))
                {
                    anchors.AddAt(at);
                }
            }
        }

        /// <summary>
        /// A necessary condition for <paramref name="value"/> to trace (<see cref="LocalFlow.Traces(IOperation?, System.Func{IOperation, bool})"/>)
        /// to a monotonic reading, a <c>new DateTime(reading)</c> or a raw tick duration: after conversions it is a
        /// <c>GetTimestamp()</c> call, a <c>TickCount</c>/<c>Elapsed*</c> property, an object creation, a sum or
        /// difference, or a local. Every value DIST101 reports (stored, written or compared) passes it.
        /// </summary>
        private static bool MayTraceToReading(IOperation value)
        {
            var op = LocalFlow.Unwrap(value);
            switch (op.Kind)
            {
                case OperationKind.LocalReference:
                case OperationKind.ObjectCreation:
                    return true;
                case OperationKind.Invocation:
                    return ((IInvocationOperation)op).TargetMethod.Name == "GetTimestamp";
                case OperationKind.PropertyReference:
                    return ((IPropertyReferenceOperation)op).Property.Name is "TickCount" or "TickCount64" or "Elapsed" or "ElapsedMilliseconds" or "ElapsedTicks";
                case OperationKind.Binary:
                    return ((IBinaryOperation)op).OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract;
                default:
                    return false;
            }
        }

        private sealed class Settings
        {
            public Settings(WordList messageWords, WordList rttWords, WordList testDoubleWords)
            {
                MessageWords = messageWords;
                RttWords = rttWords;
                TestDoubleWords = testDoubleWords;
            }

            public WordList MessageWords { get; }

            public WordList RttWords { get; }

            public WordList TestDoubleWords { get; }
        }

        private sealed class Analysis
        {
            private readonly MonotonicReadings readings;
            private readonly ProcessBoundary boundary;
            private readonly INamedTypeSymbol? dateTime;
            private readonly OptionsCache<Settings> options;
            private readonly TreeGate gate;

            public Analysis(MonotonicReadings readings, ProcessBoundary boundary, INamedTypeSymbol? dateTime, OptionsCache<Settings> options, TreeGate gate)
            {
                this.gate = gate;
                this.readings = readings;
                this.boundary = boundary;
                this.dateTime = dateTime;
                this.options = options;
            }

            public void AnalyzeStore(OperationSite context)
            {
                // No reading written in the member, then shape, value type and value form (see MayTraceToReading): most operations leave here.
                var operation = context.Operation;
                if (!gate.AllowsMemberOf(operation, context.ContainingSymbol) || !boundary.MayStore(operation))
                {
                    return;
                }

                var settings = options.Get(operation.Syntax.SyntaxTree);
                var stores = new List<BoundaryStore>(2);
                boundary.StoresOf(operation, settings.MessageWords, settings.TestDoubleWords, settings.RttWords, stores);
                if (stores.Count == 0 || Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubleWords))
                {
                    return;
                }

                foreach (var store in stores)
                {
                    AnalyzeStoredValue(context, store, settings);
                }
            }

            private void AnalyzeStoredValue(OperationSite context, BoundaryStore store, Settings settings)
            {
                var value = store.Value;
                var unwrapped = LocalFlow.Unwrap(value);
                if (unwrapped is IBinaryOperation binary && ComparedMember(binary, settings) is not null)
                {
                    return; // reported as a comparison with a message member
                }

                if (unwrapped is IObjectCreationOperation creation && TicksArgument(creation) is { } ticks && LocalFlow.Traces(ticks, readings.IsReading))
                {
                    // new DateTime(reading) stored directly: the reading itself is reported.
                    var fixable = DirectOrOnlyUse(ticks, out var removeLocal);
                    Report(context, StoredMessage, ticks.Syntax, fixable ? FixUtcNow : null, creation.Syntax, removeLocal);
                    return;
                }

                if (LocalFlow.Traces(value, IsReadingOrNewDateTime, out var source) && source is not null)
                {
                    string? fix = null;
                    SyntaxNode? replace = null;
                    var isDateTime = source is IObjectCreationOperation;
                    var target = FixTarget(value, source, isDateTime);
                    if (target is not null)
                    {
                        if (isDateTime)
                        {
                            fix = FixUtcNow;
                            replace = target;
                        }
                        else if (store.Destination?.SpecialType == SpecialType.System_Int64 && source.Type?.SpecialType is SpecialType.System_Int64 or SpecialType.System_Int32)
                        {
                            fix = readings.IsTimeProviderTimestamp(source) ? FixProviderMillis : FixMillis;
                            replace = target;
                        }
                    }

                    Report(context, StoredMessage, value.Syntax, fix, replace, null, fix == FixProviderMillis ? source.Syntax : null);
                    return;
                }

                if (LocalFlow.Traces(value, readings.IsRawTickDuration))
                {
                    Report(context, RawTicksMessage, value.Syntax, null, null, null);
                }
            }

            /// <summary>
            /// The expression a fix replaces: the stored value when it is the reading itself, or the initializer of a
            /// local whose only assignment is the reading and whose only use is this store; null otherwise.
            /// </summary>
            private static SyntaxNode? FixTarget(IOperation value, IOperation source, bool isDateTime)
            {
                var unwrapped = LocalFlow.Unwrap(value);
                if (unwrapped == source)
                {
                    return value.Syntax;
                }

                if (unwrapped is not ILocalReferenceOperation reference)
                {
                    return null;
                }

                return OnlyUseInitializer(reference, source, isDateTime);
            }

            private static SyntaxNode? OnlyUseInitializer(ILocalReferenceOperation reference, IOperation source, bool isDateTime)
            {
                var index = LocalFlow.IndexFor(reference);
                var local = reference.Local;
                if (index.IsUntracked(local) || index.ReadsOf(local).Count != 1)
                {
                    return null;
                }

                var values = index.ValuesAssignedTo(local);
                if (values.Count != 1 || values[0].Parent is not IVariableInitializerOperation || LocalFlow.Unwrap(values[0]) != source)
                {
                    return null;
                }

                if (!isDateTime && local.Type.SpecialType != SpecialType.System_Int64 && !DeclaredWithVar(local))
                {
                    return null;
                }

                return values[0].Syntax;
            }

            /// <summary>For <c>new DateTime(x)</c>: whether <c>x</c> is the reading itself, or a local whose only use is here (then its declaration goes).</summary>
            private bool DirectOrOnlyUse(IOperation ticks, out SyntaxNode? removeLocal)
            {
                removeLocal = null;
                var unwrapped = LocalFlow.Unwrap(ticks);
                if (readings.IsReading(unwrapped))
                {
                    return true;
                }

                if (unwrapped is not ILocalReferenceOperation reference)
                {
                    return false;
                }

                var index = LocalFlow.IndexFor(reference);
                var values = index.ValuesAssignedTo(reference.Local);
                if (index.IsUntracked(reference.Local) || index.ReadsOf(reference.Local).Count != 1 || values.Count != 1
                    || !readings.IsReading(LocalFlow.Unwrap(values[0])))
                {
                    return false;
                }

                if (values[0].Syntax.Parent?.Parent is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } })
                {
                    removeLocal = statement;
                    return true;
                }

                return false;
            }

            private static bool DeclaredWithVar(ILocalSymbol local)
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } && declaration.Type.IsVar)
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool IsReadingOrNewDateTime(IOperation operation) =>
                readings.IsReading(operation)
                || (operation is IObjectCreationOperation creation && TicksArgument(creation) is { } ticks && LocalFlow.Traces(ticks, readings.IsReading));

            /// <summary>The <c>ticks</c> argument of <c>new DateTime(ticks)</c> / <c>new DateTime(ticks, kind)</c>.</summary>
            private IOperation? TicksArgument(IObjectCreationOperation creation)
            {
                if (dateTime is null || !SymbolEqualityComparer.Default.Equals(creation.Type, dateTime) || creation.Arguments.Length == 0)
                {
                    return null;
                }

                var first = creation.Arguments[0];
                return first.Parameter is { Name: "ticks", Type.SpecialType: SpecialType.System_Int64 } ? first.Value : null;
            }

            public void AnalyzeComparison(OperationSite context)
            {
                var binary = (IBinaryOperation)context.Operation;
                // The operator first (a field read), then whether the member writes a reading.
                if (binary.OperatorKind is not (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                    or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.Subtract)
                    || !gate.AllowsMemberOf(binary, context.ContainingSymbol))
                {
                    return;
                }

                // ComparedMember needs a member on one side and, on the other, a value that may trace to a reading.
                if (!(MemberOperand(binary.RightOperand) is not null && MayTraceToReading(binary.LeftOperand))
                    && !(MemberOperand(binary.LeftOperand) is not null && MayTraceToReading(binary.RightOperand)))
                {
                    return;
                }

                var settings = options.Get(binary.Syntax.SyntaxTree);
                if (ComparedMember(binary, settings) is { } member && !Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubleWords))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.DIST101_MonotonicClockCrossesProcess, binary.Syntax.GetLocation(), string.Format(ComparedMessage, binary.Syntax, member.Syntax)));
                }
            }

            /// <summary>The message member that a reading is compared with in <paramref name="binary"/>, or null.</summary>
            private IOperation? ComparedMember(IBinaryOperation binary, Settings settings)
            {
                if (binary.OperatorKind is not (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                    or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.Subtract))
                {
                    return null;
                }

                // Cheapest test first: a member reference on one side, then the message type, then a reading on the
                // other side (tracing through a local indexes the whole member).
                if (MemberOperand(binary.RightOperand) is { } right && MayTraceToReading(binary.LeftOperand) && IsMessageMember(right, settings)
                    && LocalFlow.Traces(binary.LeftOperand, readings.IsReading))
                {
                    return right;
                }

                if (MemberOperand(binary.LeftOperand) is { } left && MayTraceToReading(binary.RightOperand) && IsMessageMember(left, settings)
                    && LocalFlow.Traces(binary.RightOperand, readings.IsReading))
                {
                    return left;
                }

                return null;
            }

            /// <summary>
            /// A field or (non-indexer) property reference whose owner (instance type, or containing type) is a class or
            /// struct: only those can be message members (<see cref="IsMessageMember"/>), so the rest are left out early.
            /// </summary>
            private static IOperation? MemberOperand(IOperation operand)
            {
                var unwrapped = LocalFlow.Unwrap(operand);
                ITypeSymbol? owner;
                switch (unwrapped.Kind)
                {
                    case OperationKind.FieldReference:
                        var field = (IFieldReferenceOperation)unwrapped;
                        owner = field.Instance?.Type ?? field.Field.ContainingType;
                        break;
                    case OperationKind.PropertyReference:
                        var property = (IPropertyReferenceOperation)unwrapped;
                        if (!property.Arguments.IsEmpty)
                        {
                            return null;
                        }

                        owner = property.Instance?.Type ?? property.Property.ContainingType;
                        break;
                    default:
                        return null;
                }

                return owner?.TypeKind is TypeKind.Class or TypeKind.Struct ? unwrapped : null;
            }

            private bool IsMessageMember(IOperation member, Settings settings)
            {
                var (symbol, instance) = member switch
                {
                    IPropertyReferenceOperation p => ((ISymbol)p.Property, p.Instance),
                    IFieldReferenceOperation f => (f.Field, f.Instance),
                    _ => (null, null),
                };
                // Only classes and structs are message types (MessageTypes.IsMessageStore): test that before the words.
                var type = symbol is null ? null : instance?.Type ?? symbol.ContainingType;
                if (symbol is null || type is null || type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || settings.RttWords.CarriedBy(symbol.Name))
                {
                    return false;
                }

                return boundary.MessageTypes.IsMessageStore(type, symbol, settings.MessageWords, settings.TestDoubleWords);
            }

            private static void Report(OperationSite context, string message, SyntaxNode location, string? fix, SyntaxNode? replace, SyntaxNode? removeLocal, SyntaxNode? reading = null)
            {
                var properties = ImmutableDictionary<string, string?>.Empty;
                var additional = new List<Location>(2);
                if (fix is not null && replace is not null)
                {
                    properties = properties.Add(FixProperty, fix);
                    additional.Add(replace.GetLocation());
                    if (removeLocal is not null)
                    {
                        properties = properties.Add(RemoveLocalProperty, "true");
                        additional.Add(removeLocal.GetLocation());
                    }
                    else if (reading is not null)
                    {
                        additional.Add(reading.GetLocation());
                    }
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DIST101_MonotonicClockCrossesProcess, location.GetLocation(), additional, properties, string.Format(message, location)));
            }
        }
    }
}
