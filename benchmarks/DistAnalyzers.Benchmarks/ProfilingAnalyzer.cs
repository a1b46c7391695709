using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Benchmarks
{
    /// <summary>
    /// <c>--profile</c>: wraps an analyzer so that each action it registers (per kind list) is timed and counted,
    /// showing a rule's owner which callback costs. Actions registered inside symbol-start and operation-block-start
    /// callbacks are wrapped too (their contexts are re-created with the constructors Roslyn marks obsolete for
    /// hosts; only code-block-start actions stay unwrapped).
    /// </summary>
    public sealed class ProfilingAnalyzer : DiagnosticAnalyzer
    {
        private readonly DiagnosticAnalyzer inner;

        public ProfilingAnalyzer(DiagnosticAnalyzer inner)
        {
            this.inner = inner;
        }

        public DiagnosticAnalyzer Inner => inner;

        /// <summary>
        /// Whether the analyzer registers actions inside symbol-start, operation-block-start or code-block-start
        /// callbacks: those nested actions are not wrapped, so <see cref="Stats"/> undercounts it.
        /// </summary>
        public bool HasNestedActions { get; private set; }

        /// <summary>Action description -> its counter (ticks and calls).</summary>
        public ConcurrentDictionary<string, Counter> Stats { get; } = new();

        /// <summary>Time and calls of one action; updated without locks or allocation, so the wrapper stays cheap.</summary>
        public sealed class Counter
        {
            private long ticks;
            private long calls;
            private long bytes;
            private long quickTicks;
            private long quickCalls;

            /// <summary>A call under this many ticks (3 µs) is quick: for a file-wide action, most often a file its text pre-check turned away.</summary>
            public static readonly long QuickLimit = Stopwatch.Frequency * 3 / 1_000_000;

            public long QuickTicks => Interlocked.Read(ref quickTicks);

            public long QuickCalls => Interlocked.Read(ref quickCalls);

            public long Ticks => Interlocked.Read(ref ticks);

            public long Calls => Interlocked.Read(ref calls);

            /// <summary>Bytes allocated on the calling thread inside the callbacks (what feeds the GC).</summary>
            public long Bytes => Interlocked.Read(ref bytes);

            public void Add(long elapsed, long allocated)
            {
                Interlocked.Add(ref ticks, elapsed);
                Interlocked.Add(ref bytes, allocated);
                Interlocked.Increment(ref calls);
                if (elapsed < QuickLimit)
                {
                    Interlocked.Add(ref quickTicks, elapsed);
                    Interlocked.Increment(ref quickCalls);
                }
            }

            public void Reset()
            {
                Interlocked.Exchange(ref ticks, 0);
                Interlocked.Exchange(ref calls, 0);
                Interlocked.Exchange(ref bytes, 0);
                Interlocked.Exchange(ref quickTicks, 0);
                Interlocked.Exchange(ref quickCalls, 0);
            }
        }

        /// <summary>Zeroes every counter (the registered actions keep theirs).</summary>
        public void ResetStats()
        {
            foreach (var counter in Stats.Values)
            {
                counter.Reset();
            }
        }

        /// <summary>The slowest single calls: (ticks, action, the code it was called on).</summary>
        public ConcurrentBag<(long Ticks, string Key, string Code)> Slowest { get; } = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => inner.SupportedDiagnostics;

        public override void Initialize(AnalysisContext context) => inner.Initialize(new Context(context, this));

        internal Action<T> Time<T>(string key, Action<T> action)
        {
            var counter = Stats.GetOrAdd(key, _ => new Counter());
            return arg => Timed(key, counter, action, arg);
        }

        /// <summary>Callbacks of any wrapped analyzer running at this moment, the most seen at once, and how many started while another ran.</summary>
        private static int running;
        internal static int MostAtOnce;
        internal static long StartedAlongside;

        internal static void ResetConcurrency()
        {
            MostAtOnce = 0;
            StartedAlongside = 0;
        }

        /// <summary>
        /// Set between passes: <c>GetAnalyzerTelemetryInfoAsync</c> runs every analyzer's compilation-start action again
        /// (on another compilation object; the driver's execution time does not count it), which is not the pass's work.
        /// </summary>
        internal static volatile bool NotCounting;

        private void Timed<T>(string key, Counter counter, Action<T> action, T arg)
        {
            if (NotCounting)
            {
                action(arg);
                return;
            }

            var now = Interlocked.Increment(ref running);
            if (now > 1)
            {
                Interlocked.Increment(ref StartedAlongside);
                for (var seen = Volatile.Read(ref MostAtOnce); now > seen && Interlocked.CompareExchange(ref MostAtOnce, now, seen) != seen; seen = Volatile.Read(ref MostAtOnce))
                {
                }
            }

            // The wrapper's own reads come before the start and after the end: only the callback is timed.
            var gc = GC.GetTotalPauseDuration();
            var collections = GcOrigins.Recording ? GC.CollectionCount(0) : 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            try
            {
                action(arg);
            }
            finally
            {
                var end = Stopwatch.GetTimestamp();
                Interlocked.Decrement(ref running);

                // A garbage collection that happens to fall inside a callback is not the callback's cost.
                // (A pause just before the start would be subtracted too: never below zero.)
                var paused = GC.GetTotalPauseDuration() - gc;
                var ticks = Math.Max(0, end - start - (long)(paused.TotalSeconds * Stopwatch.Frequency));
                if (GcOrigins.Recording && GC.CollectionCount(0) is var after && after > collections)
                {
                    GcOrigins.InsideCallbacks.Add((collections + 1, after, GcOrigins.OsThread, paused.TotalMilliseconds, $"{inner.GetType().Name} {key}"));
                }

                counter.Add(ticks, GC.GetAllocatedBytesForCurrentThread() - allocated);
                if (ticks > Stopwatch.Frequency / 20000)
                {
                    var code = arg switch
                    {
                        OperationAnalysisContext o => o.Operation.Syntax.ToString(),
                        SyntaxNodeAnalysisContext n => n.Node.ToString(),
                        SymbolAnalysisContext y => y.Symbol.ToDisplayString(),
                        SemanticModelAnalysisContext m => m.SemanticModel.SyntaxTree.FilePath,
                        _ => string.Empty,
                    };
                    Slowest.Add((ticks, key, code.Length > 100 ? code.Substring(0, 100) + "…" : code));
                }
            }
        }

        internal Action<T> Nested<T>(Action<T> action)
        {
            HasNestedActions = true;
            return action;
        }

        private static string Kinds<T>(ImmutableArray<T> kinds) => string.Join(",", kinds.Select(k => k!.ToString()));

        private sealed class Context : AnalysisContext
        {
            private readonly AnalysisContext c;
            private readonly ProfilingAnalyzer p;

            public Context(AnalysisContext c, ProfilingAnalyzer p)
            {
                this.c = c;
                this.p = p;
            }

            public override void EnableConcurrentExecution() => c.EnableConcurrentExecution();

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => c.ConfigureGeneratedCodeAnalysis(analysisMode);

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
                c.RegisterCompilationStartAction(p.Time<CompilationStartAnalysisContext>("compilation start", s => action(new StartContext(s, p))));

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => c.RegisterCompilationAction(p.Time("compilation", action));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => c.RegisterSemanticModelAction(p.Time("semantic model", action));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => c.RegisterSymbolAction(p.Time("symbol " + Kinds(symbolKinds), action), symbolKinds);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => c.RegisterCodeBlockStartAction(p.Nested(p.Time("code block start (start only)", action)));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => c.RegisterCodeBlockAction(p.Time("code block", action));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => c.RegisterSyntaxTreeAction(p.Time("syntax tree", action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => c.RegisterSyntaxNodeAction(p.Time("syntax " + Kinds(syntaxKinds), action), syntaxKinds);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => c.RegisterOperationAction(p.Time("operation " + Kinds(operationKinds), action), operationKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => c.RegisterOperationBlockStartAction(p.Time<OperationBlockStartAnalysisContext>("operation block start (start only)", b => action(new BlockStartContext(b, p))));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => c.RegisterOperationBlockAction(p.Time("operation block", action));

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => c.RegisterSymbolStartAction(p.Time<SymbolStartAnalysisContext>("symbol start " + symbolKind + " (start only)", y => action(new SymbolStartContext(y, p))), symbolKind);
        }

        private sealed class StartContext : CompilationStartAnalysisContext
        {
            private readonly CompilationStartAnalysisContext c;
            private readonly ProfilingAnalyzer p;

            public StartContext(CompilationStartAnalysisContext c, ProfilingAnalyzer p)
                : base(c.Compilation, c.Options, c.CancellationToken)
            {
                this.c = c;
                this.p = p;
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => c.RegisterCompilationEndAction(p.Time("compilation end", action));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => c.RegisterSemanticModelAction(p.Time("semantic model", action));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => c.RegisterSymbolAction(p.Time("symbol " + Kinds(symbolKinds), action), symbolKinds);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => c.RegisterCodeBlockStartAction(p.Nested(p.Time("code block start (start only)", action)));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => c.RegisterCodeBlockAction(p.Time("code block", action));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => c.RegisterSyntaxTreeAction(p.Time("syntax tree", action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => c.RegisterSyntaxNodeAction(p.Time("syntax " + Kinds(syntaxKinds), action), syntaxKinds);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => c.RegisterOperationAction(p.Time("operation " + Kinds(operationKinds), action), operationKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => c.RegisterOperationBlockStartAction(p.Time<OperationBlockStartAnalysisContext>("operation block start (start only)", b => action(new BlockStartContext(b, p))));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => c.RegisterOperationBlockAction(p.Time("operation block", action));

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => c.RegisterSymbolStartAction(p.Time<SymbolStartAnalysisContext>("symbol start " + symbolKind + " (start only)", y => action(new SymbolStartContext(y, p))), symbolKind);

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => c.RegisterAdditionalFileAction(p.Time("additional file", action));
        }
            private sealed class SymbolStartContext : SymbolStartAnalysisContext
        {
            private readonly SymbolStartAnalysisContext c;
            private readonly ProfilingAnalyzer p;

            public SymbolStartContext(SymbolStartAnalysisContext c, ProfilingAnalyzer p)
                : base(c.Symbol, c.Compilation, c.Options, c.CancellationToken)
            {
                this.c = c;
                this.p = p;
            }

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => c.RegisterCodeBlockAction(p.Time("nested code block", action));

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => c.RegisterCodeBlockStartAction(p.Nested(p.Time("nested code block start (start only)", action)));

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => c.RegisterOperationAction(p.Time("nested operation " + Kinds(operationKinds), action), operationKinds);

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => c.RegisterOperationBlockAction(p.Time("nested operation block", action));

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => c.RegisterOperationBlockStartAction(p.Time<OperationBlockStartAnalysisContext>("nested operation block start (start only)", b => action(new BlockStartContext(b, p))));

            public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => c.RegisterSymbolEndAction(p.Time("nested symbol end", action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => c.RegisterSyntaxNodeAction(p.Time("nested syntax " + Kinds(syntaxKinds), action), syntaxKinds);
        }

        private sealed class BlockStartContext : OperationBlockStartAnalysisContext
        {
            private readonly OperationBlockStartAnalysisContext c;
            private readonly ProfilingAnalyzer p;

            public BlockStartContext(OperationBlockStartAnalysisContext c, ProfilingAnalyzer p)
                : base(c.OperationBlocks, c.OwningSymbol, c.Compilation, c.Options, c.CancellationToken)
            {
                this.c = c;
                this.p = p;
            }

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => c.RegisterOperationAction(p.Time("nested operation " + Kinds(operationKinds), action), operationKinds);

            public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) => c.RegisterOperationBlockEndAction(p.Time("nested operation block end", action));
        }
    }
}
