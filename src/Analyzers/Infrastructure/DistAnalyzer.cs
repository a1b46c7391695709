using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Base of every DistAnalyzers analyzer. <see cref="Initialize"/> is sealed: every rule runs concurrently,
    /// never analyses generated code, resolves its framework types once per compilation through
    /// <see cref="KnownSymbols"/>, and registers nothing when <see cref="IsEnabled"/> says its anchor types are absent.
    /// </summary>
    public abstract class DistAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The rule's configurable options, in the order its page documents them.</summary>
        public virtual IEnumerable<RuleOption> Options => ImmutableArray<RuleOption>.Empty;

        /// <summary>
        /// Whether the rule's <see cref="TreeGate"/>s may skip files (always, except in the tests that compare every
        /// rule's diagnostics with and without them).
        /// </summary>
        internal bool UseTreeGates { get; set; } = true;

        public sealed override void Initialize(AnalysisContext context)
        {
            // Generated code is not analysed. ReportDiagnostics (rather than None) stops the driver from checking every
            // reported location for [GeneratedCode], which walks the whole file on its first diagnostic (in the
            // benchmark, more than all of one rule's own work); actions that can report outside the code they
            // analyse filter with GeneratedSources.IsGeneratedLocation instead (GeneratedCodeTests).
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSymbols.For(start.Compilation);
                if (IsEnabled(symbols))
                {
                    PerTree.Expect(start.Compilation);
                    try
                    {
                        // One file-wide callback per rule and file, however many the rule registers.
                        var context = new OneSemanticModelAction(start);
                        OnCompilationStart(context, symbols);
                        context.Complete();
                    }
                    finally
                    {
                        PerTree.Expect(null);
                    }
                }
            });
        }

        /// <summary>
        /// Whether the rule applies to this compilation. Rules whose forms all name framework types return
        /// false when none of those types resolves; rules with name-based forms keep the default (true).
        /// </summary>
        protected virtual bool IsEnabled(KnownSymbols symbols) => true;

        /// <summary>Registers the rule's actions for one compilation.</summary>
        protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols);
    }
}
