using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Time
{
    /// <summary>DIST106: <c>DateTime.Now</c>/<c>DateTime.Today</c>, directly or through a local, stored in a message or written out.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LocalTimeInCrossMachineTimestampAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property present (value "true") when the fix applies.</summary>
        public const string FixableProperty = "Fixable";

        /// <summary>The names of the local-time readings (whole identifiers).</summary>
        private static readonly string[] NowNames = { "Now", "Today" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DIST106_LocalTimeInCrossMachineTimestamp);

        public override IEnumerable<RuleOption> Options => new RuleOption[] { RuleOptions.MessageTypeWords, RuleOptions.TestDoubleWords };

        protected override bool IsEnabled(KnownSymbols symbols) => symbols.DateTime is { TypeKind: not TypeKind.Error };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var dateTime = symbols.DateTime;
            var dateTimeOffset = symbols.DateTimeOffset;
            var boundary = new ProcessBoundary(
                symbols,
                type => type.SpecialType is SpecialType.System_DateTime or SpecialType.System_Int64 or SpecialType.System_Object
                    || SymbolEqualityComparer.Default.Equals(type, dateTimeOffset) || type.TypeKind == TypeKind.TypeParameter,
                MayTraceToLocalNow);
            var options = new OptionsCache<Settings>(context.Options, DiagnosticIds.LocalTimeInCrossMachineTimestamp, reader => new Settings(
                reader.Get(RuleOptions.MessageTypeWords), reader.Get(RuleOptions.TestDoubleWords)));

            bool IsLocalNow(IOperation operation) =>
                operation is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Now" or "Today" } property }
                && SymbolEqualityComparer.Default.Equals(property.ContainingType, dateTime);

            var nowText = new TreeGate(this, (_, _, anchors) =>
            {
                foreach (var name in NowNames)
                {
                    anchors.AddWord(name);
                }
            });
            // Every report traces to DateTime.Now/Today written in the member that holds the store: only such members
            // are searched (one semantic-model action per file). Each DateTime.Now/Today is reported once, however
            // many stores it reaches (a local stored twice): remembered by its place, for one run over the file.
            AnchoredOperations.RegisterInAnchoredMembers(context, this, nowText, () => new HashSet<int>(), Analyze, ProcessBoundary.StoreKinds);

            void Analyze(OperationSite operationContext, HashSet<int> reported)
            {
                // Shape, value type and value form first (see MayTraceToLocalNow): most operations leave here.
                var operation = operationContext.Operation;
                if (!boundary.MayStore(operation))
                {
                    return;
                }

                var settings = options.Get(operation.Syntax.SyntaxTree);
                var stores = new List<BoundaryStore>(2);
                boundary.StoresOf(operation, settings.MessageWords, settings.TestDoubleWords, WordList.Empty, stores);
                if (stores.Count == 0 || Contexts.IsInsideTestDouble(operationContext.ContainingSymbol, settings.TestDoubleWords))
                {
                    return;
                }

                foreach (var store in stores)
                {
                    var sources = new List<IOperation>(1);
                    bool Collect(IOperation op)
                    {
                        if (IsLocalNow(op))
                        {
                            sources.Add(op);
                            return true;
                        }

                        // DateTime.Now.Ticks: the most lossy form of local time (the offset is gone for good).
                        if (op is IPropertyReferenceOperation { Property.Name: "Ticks", Instance: { } instance } && IsLocalNow(instance))
                        {
                            sources.Add(instance);
                            return true;
                        }

                        return false;
                    }

                    if (!LocalFlow.Traces(store.Value, Collect))
                    {
                        continue;
                    }

                    foreach (var source in sources)
                    {
                        lock (reported)
                        {
                            if (!reported.Add(source.Syntax.SpanStart))
                            {
                                continue;
                            }
                        }

                        var properties = Fixable(source, boundary, settings)
                            ? ImmutableDictionary<string, string?>.Empty.Add(FixableProperty, "true")
                            : ImmutableDictionary<string, string?>.Empty;
                        operationContext.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.DIST106_LocalTimeInCrossMachineTimestamp, source.Syntax.GetLocation(), properties, source.Syntax.ToString()));
                    }
                }
            }
        }

        /// <summary>
        /// A necessary condition for <paramref name="value"/> to trace to <c>DateTime.Now</c>/<c>Today</c> (or its
        /// <c>Ticks</c>): after conversions it is a <c>Now</c>/<c>Today</c>/<c>Ticks</c> property, a sum or difference,
        /// or a local. Every value DIST106 reports passes it.
        /// </summary>
        private static bool MayTraceToLocalNow(IOperation value)
        {
            switch (LocalFlow.Unwrap(value))
            {
                case ILocalReferenceOperation:
                    return true;
                case IPropertyReferenceOperation property:
                    return property.Property.Name is "Now" or "Today" or "Ticks";
                case IBinaryOperation binary:
                    return binary.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract;
                default:
                    return false;
            }
        }

        /// <summary>Stored directly, or held in a local every use of which is a flagged store or write.</summary>
        private static bool Fixable(IOperation source, ProcessBoundary boundary, Settings settings)
        {
            var current = source;
            for (var i = 0; i < 16 && current.Parent is { } parent; i++)
            {
                switch (parent)
                {
                    case IConversionOperation:
                    case IPropertyReferenceOperation { Property.Name: "Ticks" }:
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract }:
                        current = parent;
                        continue;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return EveryUseIsStore(declarator.Symbol, current, boundary, settings);
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                        return EveryUseIsStore(target.Local, current, boundary, settings);
                    default:
                        return true; // stored directly
                }
            }

            return false;
        }

        private static bool EveryUseIsStore(ILocalSymbol local, IOperation anchor, ProcessBoundary boundary, Settings settings)
        {
            var index = LocalFlow.IndexFor(anchor);
            var reads = index.ReadsOf(local);
            if (reads.Count == 0)
            {
                return false;
            }

            foreach (var read in reads)
            {
                if (!boundary.IsStoredValue(read, settings.MessageWords, settings.TestDoubleWords, WordList.Empty))
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class Settings
        {
            public Settings(WordList messageWords, WordList testDoubleWords)
            {
                MessageWords = messageWords;
                TestDoubleWords = testDoubleWords;
            }

            public WordList MessageWords { get; }

            public WordList TestDoubleWords { get; }
        }
    }
}
