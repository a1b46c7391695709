using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Benchmarks
{
    /// <summary>
    /// Analyzer cost as a share of the compiler's own work. For a synthetic corpus (default 100,000 lines) and one
    /// ten times larger: the median, over several fresh compilations, of the compiler's bind-and-diagnose time
    /// (<c>Compilation.GetDiagnostics()</c>) and of each analyzer's execution time as the driver measures it
    /// (<c>logAnalyzerExecutionTime</c>, <c>GetAnalyzerTelemetryInfoAsync</c>) for the analyzers as shipped, plus
    /// one pass through a timing wrapper for the same without GC pauses. Both run single-threaded
    /// (<c>concurrentBuild: false</c>, <c>concurrentAnalysis: false</c>), so the shares compare CPU work.
    /// </summary>
    public static class Program
    {
        public const double TargetShare = 0.02;
        public const double TargetGrowthSlack = 1.1;

        public static async Task<int> Main(string[] args)
        {
            var lines = IntArg(args, "--lines", 100_000);
            var growth = IntArg(args, "--growth", 10);
            var reps = IntArg(args, "--reps", 5);
            var growthReps = IntArg(args, "--growth-reps", 3);
            var strict = args.Contains("--strict");

            var root = FindRoot();
            var references = References();
            var analyzers = typeof(DistAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            Console.WriteLine($"DistAnalyzers benchmark: {analyzers.Length} analyzers, {references.Length} reference assemblies, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            if (analyzers.IsEmpty)
            {
                Console.WriteLine("No analyzer to measure.");
                return 0;
            }

            // Warm-up: JIT the compiler, the driver and every analyzer (twice) on a small corpus.
            var warm = Parse(SyntheticCorpus.Build(10_000, root));
            for (var i = 0; i < 2; i++)
            {
                CompileOnce(warm, references);
                await AnalyzeOnce(warm, references, analyzers.Select(a => (DiagnosticAnalyzer)new ProfilingAnalyzer(a)).ToImmutableArray());
            }

            if (args.Contains("--profile"))
            {
                await ProfileAsync(lines, Math.Max(1, IntArg(args, "--profile-warm", 1)), root, references, analyzers);
                return 0;
            }

            var baseRun = await MeasureAsync("base", lines, reps, root, references, analyzers);
            Report(baseRun, analyzers);
            var verdicts = new List<string>();
            var total = baseRun.AnalyzerMedian.Values.Sum();
            verdicts.Add(Verdict(total / baseRun.CompileMedian <= TargetShare, $"total DistAnalyzers time {Percent(total / baseRun.CompileMedian)} of compile time (target <= {Percent(TargetShare)})"));
            var baseNoGc = baseRun.AnalyzerNoGcMedian.Values.Sum();
            verdicts.Add(Verdict(baseNoGc / baseRun.CompileMedian <= TargetShare, $"total DistAnalyzers time excluding GC pauses {Percent(baseNoGc / baseRun.CompileMedian)} of compile time"));

            if (growth > 1)
            {
                var grown = await MeasureAsync($"x{growth}", lines * growth, growthReps, root, references, analyzers);
                Report(grown, analyzers);
                var lineRatio = (double)grown.Lines / baseRun.Lines;
                var compileRatio = grown.CompileMedian / baseRun.CompileMedian;
                var grownTotal = grown.AnalyzerMedian.Values.Sum();
                var analyzerRatio = grownTotal / total;
                Console.WriteLine();
                var noGcRatio = grown.AnalyzerNoGcMedian.Values.Sum() / baseRun.AnalyzerNoGcMedian.Values.Sum();
                Console.WriteLine($"Growth: lines x{lineRatio:F2}, compiler x{compileRatio:F2}, DistAnalyzers x{analyzerRatio:F2} (excluding GC pauses x{noGcRatio:F2})");
                foreach (var a in analyzers)
                {
                    var before = baseRun.AnalyzerMedian[a];
                    var after = grown.AnalyzerMedian[a];
                    var beforeNoGc = baseRun.AnalyzerNoGcMedian[a];
                    var afterNoGc = grown.AnalyzerNoGcMedian[a];
                    Console.WriteLine($"  {Ids(a),-8} {a.GetType().Name,-44} x{(before > 0 ? after / before : double.NaN):F2}   excl. GC x{(beforeNoGc > 0 ? afterNoGc / beforeNoGc : double.NaN):F2}");
                }

                verdicts.Add(Verdict(analyzerRatio <= lineRatio * TargetGrowthSlack, $"DistAnalyzers time grows x{analyzerRatio:F2} for x{lineRatio:F2} lines (target <= x{lineRatio * TargetGrowthSlack:F2})"));
                verdicts.Add(Verdict(noGcRatio <= lineRatio * TargetGrowthSlack, $"DistAnalyzers time excluding GC pauses grows x{noGcRatio:F2}"));
                verdicts.Add(Verdict(grownTotal / grown.CompileMedian <= TargetShare, $"total DistAnalyzers time on the larger corpus {Percent(grownTotal / grown.CompileMedian)} of compile time"));
            }

            Console.WriteLine();
            foreach (var v in verdicts)
            {
                Console.WriteLine(v);
            }

            return strict && verdicts.Any(v => v.StartsWith("MISS", StringComparison.Ordinal)) ? 2 : 0;
        }

        private sealed class Measurement
        {
            public string Name = "";
            public int Lines;
            public int Files;
            public int Diagnostics;
            public int Exceptions;
            public double CompileMedian;
            public double[] CompileRuns = Array.Empty<double>();
            public double AnalyzeWallMedian;
            public double CompileCpuMedian;
            public double AnalyzeCpuMedian;
            public Dictionary<DiagnosticAnalyzer, double> AnalyzerMedian = new();
            public Dictionary<DiagnosticAnalyzer, double> AnalyzerNoGcMedian = new();
            public HashSet<DiagnosticAnalyzer> NotWrapped = new();
            public Dictionary<string, int> DiagnosticsById = new();
        }

        private static async Task<Measurement> MeasureAsync(string name, int lines, int reps, string? root, ImmutableArray<MetadataReference> references, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var clock = Stopwatch.StartNew();
            var files = SyntheticCorpus.Build(lines, root);
            // Every pass gets trees parsed afresh, as every build does: the rules' per-tree work (reading the text and
            // the gates' one pass over it, kept per tree) is then paid in each measured pass, not once in the warm-up.
            var m = new Measurement { Name = name, Files = files.Count, Lines = files.Sum(f => SyntheticCorpus.CountLines(f.Text)) };
            Console.WriteLine();
            Console.WriteLine($"[{name}] corpus: {m.Lines:N0} lines in {m.Files:N0} files (generated in {clock.Elapsed.TotalSeconds:F1} s; parsed afresh for every pass); {reps} repetitions");

            var compile = new List<double>();
            var wall = new List<double>();
            var compileCpu = new List<double>();
            var analyzeCpu = new List<double>();
            var perAnalyzer = analyzers.ToDictionary(a => a, _ => new List<double>());
            var perAnalyzerNoGc = analyzers.ToDictionary(a => a, _ => new List<double>());

            // The primary figure is the driver's telemetry for the analyzers exactly as shipped (no wrapper: its own
            // cost would be counted against them). More passes run each analyzer inside a timing wrapper, which
            // gives the same work without the garbage collections that happened to fall inside a callback.
            var wrapped = analyzers.Select(a => new ProfilingAnalyzer(a)).ToImmutableArray();
            var tick = 1000.0 / Stopwatch.Frequency;
            for (var r = 0; r < reps; r++)
            {
                // Alternate the order so that neither measurement always runs on a freshly collected heap.
                if (r % 2 == 0)
                {
                    compile.Add(CompileOnce(Parse(files), references));
                    compileCpu.Add(LastCpuMs);
                }

                var run = await AnalyzeOnce(Parse(files), references, analyzers);
                wall.Add(run.WallMs);
                analyzeCpu.Add(LastCpuMs);
                for (var i = 0; i < analyzers.Length; i++)
                {
                    perAnalyzer[analyzers[i]].Add(run.PerAnalyzerMs[analyzers[i]]);
                }

                m.Diagnostics = run.Diagnostics.Length;
                m.Exceptions = run.Exceptions;
                m.DiagnosticsById = run.Diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
                if (r % 2 == 1)
                {
                    compile.Add(CompileOnce(Parse(files), references));
                    compileCpu.Add(LastCpuMs);
                }

                Console.WriteLine($"  run {r + 1}: compiler {compile[^1]:F0} ms, analyzer pass {run.WallMs:F0} ms (GC pauses {LastGc.PauseMs:F0} ms in {LastGc.Collections} collections), DistAnalyzers {run.PerAnalyzerMs.Values.Sum():F1} ms");
            }

            // The wrapped passes are repeated too (half as often as the plain ones, at least once): a single pass moved
            // by 15 % between runs of the same code on a busy machine.
            var wrappedReps = Math.Max(1, (reps + 1) / 2);
            for (var r = 0; r < wrappedReps; r++)
            {
                foreach (var w in wrapped)
                {
                    w.ResetStats();
                }

                using var origins = new GcOrigins();
                GcOrigins.InsideCallbacks.Clear();
                GcOrigins.Recording = true;
                var wrappedRun = await AnalyzeOnce(Parse(files), references, wrapped.CastArray<DiagnosticAnalyzer>());
                GcOrigins.Recording = false;
                for (var i = 0; i < analyzers.Length; i++)
                {
                    // Where nested actions are not wrapped, the wrapped pass's telemetry figure stands in.
                    perAnalyzerNoGc[analyzers[i]].Add(wrapped[i].HasNestedActions ? wrappedRun.PerAnalyzerMs[wrapped[i]] : wrapped[i].Stats.Values.Sum(v => v.Ticks) * tick);
                }

                Console.WriteLine($"  wrapped pass {r + 1} (GC pauses excluded per callback): DistAnalyzers {wrapped.Sum(w => w.Stats.Values.Sum(v => v.Ticks)) * tick:F1} ms; telemetry with the wrapper {wrappedRun.PerAnalyzerMs.Values.Sum():F1} ms; allocated inside callbacks {wrapped.Sum(w => w.Stats.Values.Sum(v => v.Bytes)) / (1024.0 * 1024.0):N1} MB");
                await Task.Delay(1000); // the runtime's events reach the listener asynchronously
                Console.Write("  ");
                ReportGcOrigins(origins);
            }

            m.CompileRuns = compile.ToArray();
            m.CompileMedian = Median(compile);
            m.AnalyzeWallMedian = Median(wall);
            m.CompileCpuMedian = Median(compileCpu);
            m.AnalyzeCpuMedian = Median(analyzeCpu);
            m.AnalyzerMedian = perAnalyzer.ToDictionary(p => p.Key, p => Median(p.Value));
            m.AnalyzerNoGcMedian = perAnalyzerNoGc.ToDictionary(p => p.Key, p => Median(p.Value));
            m.NotWrapped = analyzers.Where((a, i) => wrapped[i].HasNestedActions).ToHashSet();
            return m;
        }

        /// <summary>Times each action every analyzer registers (the run after <c>--profile-warm</c> unmeasured ones, default 1), to show which callback costs; more warm runs dilute start-up costs in a sampling trace.</summary>
        private static async Task ProfileAsync(int lines, int warmRuns, string? root, ImmutableArray<MetadataReference> references, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var files = SyntheticCorpus.Build(lines, root);
            Console.WriteLine($"[profile] {files.Sum(f => SyntheticCorpus.CountLines(f.Text)):N0} lines (trees parsed afresh for every pass); per registered action: total ms (GC pauses excluded), calls, µs per call (second run)");
            var wrapped = analyzers.Select(a => new ProfilingAnalyzer(a)).ToImmutableArray();
            for (var i = 0; i < warmRuns; i++)
            {
                await AnalyzeOnce(Parse(files), references, wrapped.CastArray<DiagnosticAnalyzer>());
            }

            foreach (var w in wrapped)
            {
                w.ResetStats();
                w.Slowest.Clear();
            }

            var compile = CompileOnce(Parse(files), references);
            ProfilingAnalyzer.ResetConcurrency();
            var passTrees = Parse(files);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            using var origins = new GcOrigins();
            GcOrigins.InsideCallbacks.Clear();
            GcOrigins.Recording = true;
            var (_, _, diagnostics, _) = await AnalyzeOnce(passTrees, references, wrapped.CastArray<DiagnosticAnalyzer>());
            GcOrigins.Recording = false;
            var passAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Console.WriteLine($"[profile] the analyzer pass allocated {passAllocated / (1024.0 * 1024.0):N0} MB in all (GC pauses {LastGc.PauseMs:F0} ms in {LastGc.Collections} collections)");
            await Task.Delay(2000); // the runtime's events reach the listener asynchronously
            Console.Write("[profile] ");
            ReportGcOrigins(origins);
            Console.WriteLine($"[profile] callbacks running at once: at most {ProfilingAnalyzer.MostAtOnce}; {ProfilingAnalyzer.StartedAlongside:N0} started while another ran");
            Console.WriteLine($"[profile] compiler GetDiagnostics(): {compile:F0} ms");
            Console.WriteLine($"[profile] {diagnostics.Length:N0} diagnostics: {string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}");
            var tick = 1000.0 / Stopwatch.Frequency;
            foreach (var w in wrapped)
            {
                var total = w.Stats.Values.Sum(v => v.Ticks) * tick;
                Console.WriteLine($"  {Ids(w.Inner),-8} {w.Inner.GetType().Name}: {total:F1} ms ({Percent(total / compile)}), allocated {w.Stats.Values.Sum(v => v.Bytes) / 1024.0:N0} KB");
                foreach (var (key, value) in w.Stats.OrderByDescending(p => p.Value.Ticks))
                {
                    Console.WriteLine($"      {value.Ticks * tick,9:F1} ms {value.Calls,9:N0} calls {value.Ticks * tick * 1000 / Math.Max(1, value.Calls),8:F2} µs {value.Bytes / 1024.0,9:N0} KB  {key}");
                    if (value.QuickCalls > 0 && value.QuickCalls < value.Calls)
                    {
                        Console.WriteLine($"      {"",9}    of which {value.QuickCalls:N0} calls under 3 µs took {value.QuickTicks * tick:F1} ms; the other {value.Calls - value.QuickCalls:N0} took {(value.Ticks - value.QuickTicks) * tick:F1} ms");
                    }
                }

                foreach (var slow in w.Slowest.OrderByDescending(x => x.Ticks).Take(5))
                {
                    Console.WriteLine($"      slow call: {slow.Ticks * tick:F2} ms in {slow.Key} on `{slow.Code.Replace('\n', ' ')}`");
                }
            }

            var all = wrapped.Sum(w => w.Stats.Values.Sum(v => v.Ticks)) * tick;
            Console.WriteLine($"[profile] all analyzers: {all:F1} ms ({Percent(all / compile)} of the compiler's {compile:F0} ms), allocated {wrapped.Sum(w => w.Stats.Values.Sum(v => v.Bytes)) / (1024.0 * 1024.0):N1} MB inside their callbacks (compiler work they set off included)");
        }

        /// <summary>The collections that fell inside a callback, split by the thread that started them.</summary>
        private static void ReportGcOrigins(GcOrigins origins)
        {
            int own = 0, other = 0, unknown = 0;
            double ownMs = 0, otherMs = 0, unknownMs = 0;
            var where = new List<string>();
            foreach (var (first, last, thread, pauseMs, callback) in GcOrigins.InsideCallbacks)
            {
                where.Add($"{callback} ({pauseMs:F0} ms)");
                // A callback's pause is split evenly between the collections inside it.
                var share = pauseMs / (last - first + 1);
                for (var n = first; n <= last; n++)
                {
                    if (thread == 0 || !origins.StartedBy.TryGetValue(n, out var by))
                    {
                        unknown++;
                        unknownMs += share;
                    }
                    else if (by == thread)
                    {
                        own++;
                        ownMs += share;
                    }
                    else
                    {
                        other++;
                        otherMs += share;
                    }
                }
            }

            Console.WriteLine($"collections inside callbacks: {own} started by the callback's own thread ({ownMs:F0} ms of pauses), {other} by another thread ({otherMs:F0} ms), {unknown} unknown ({unknownMs:F0} ms); GCStart events seen: {origins.StartedBy.Count}" + (where.Count == 0 ? string.Empty : $"; in {string.Join(", ", where)}"));
        }

        private static void Report(Measurement m, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            Console.WriteLine($"[{m.Name}] compiler GetDiagnostics(): median {m.CompileMedian:F0} ms ({m.CompileMedian / (m.Lines / 1000.0):F2} ms per 1,000 lines; runs {string.Join(", ", m.CompileRuns.Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))})");
            Console.WriteLine($"[{m.Name}] whole analyzer pass (compiler + driver + analyzers): median {m.AnalyzeWallMedian:F0} ms; {m.Diagnostics} DIST diagnostics; {m.Exceptions} analyzer exceptions");
            Console.WriteLine($"[{m.Name}] process CPU: compile {m.CompileCpuMedian:F0} ms, analyzer pass {m.AnalyzeCpuMedian:F0} ms (the difference, {Percent((m.AnalyzeCpuMedian - m.CompileCpuMedian) / m.CompileCpuMedian)} of compile, is the driver's operation trees plus the analyzers: an upper bound)");
            Console.WriteLine($"  {"Rule",-8} {"Analyzer",-44} {"median ms",10} {"share",9} {"excl. GC",10} {"share",9} {"diags",6}");
            foreach (var a in analyzers.OrderByDescending(a => m.AnalyzerMedian[a]))
            {
                var ids = Ids(a);
                var count = a.SupportedDiagnostics.Sum(d => m.DiagnosticsById.TryGetValue(d.Id, out var n) ? n : 0);
                var noGc = m.AnalyzerNoGcMedian[a];
                var mark = m.NotWrapped.Contains(a) ? "*" : " ";
                Console.WriteLine($"  {ids,-8} {a.GetType().Name,-44} {m.AnalyzerMedian[a],10:F1} {Percent(m.AnalyzerMedian[a] / m.CompileMedian),9} {noGc,9:F1}{mark} {Percent(noGc / m.CompileMedian),9} {count,6}");
            }

            var total = m.AnalyzerMedian.Values.Sum();
            var totalNoGc = m.AnalyzerNoGcMedian.Values.Sum();
            Console.WriteLine($"  {"Total",-8} {"",-44} {total,10:F1} {Percent(total / m.CompileMedian),9} {totalNoGc,10:F1} {Percent(totalNoGc / m.CompileMedian),9} {m.Diagnostics,6}");
            if (m.NotWrapped.Count > 0)
            {
                Console.WriteLine("  * registers actions inside a symbol-start or block-start callback, which the GC-excluding wrapper does not reach: telemetry figure repeated.");
            }
        }

        private static double CompileOnce(SyntaxTree[] trees, ImmutableArray<MetadataReference> references)
        {
            Collect();
            var compilation = Create(trees, references);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var diagnostics = compilation.GetDiagnostics();
            var ms = clock.Elapsed.TotalMilliseconds;
            LastCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            if (errors > 0)
            {
                Console.WriteLine($"  note: the corpus has {errors} compiler errors, e.g. {diagnostics.First(d => d.Severity == DiagnosticSeverity.Error)}");
            }

            return ms;
        }

        private static async Task<(double WallMs, Dictionary<DiagnosticAnalyzer, double> PerAnalyzerMs, ImmutableArray<Diagnostic> Diagnostics, int Exceptions)> AnalyzeOnce(
            SyntaxTree[] trees, ImmutableArray<MetadataReference> references, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            Collect();
            var exceptions = new ConcurrentQueue<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (ex, _, _) => exceptions.Enqueue(ex),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            var compilation = Create(trees, references);

            // Bind the references first (as the compiler's own pass does before any analyzer runs in a build): whichever
            // analyzer first resolves a type would otherwise be charged this compiler work, 5-10 ms on 167 assemblies.
            _ = compilation.GetSpecialType(SpecialType.System_Object).GetMembers();
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            ProfilingAnalyzer.NotCounting = false;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var gc = GC.GetTotalPauseDuration();
            var gcCount = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var wall = clock.Elapsed.TotalMilliseconds;
            ProfilingAnalyzer.NotCounting = true; // the telemetry calls below start every analyzer again (not counted by the driver)
            LastGc = ((GC.GetTotalPauseDuration() - gc).TotalMilliseconds, GC.CollectionCount(0) - gcCount);
            LastCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            var per = new Dictionary<DiagnosticAnalyzer, double>();
            foreach (var a in analyzers)
            {
                per[a] = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
            }

            foreach (var ex in exceptions.Take(3))
            {
                Console.WriteLine("  ANALYZER EXCEPTION: " + ex);
            }

            return (wall, per, diagnostics, exceptions.Count);
        }

        /// <summary>Process CPU time of the last compile or analyzer pass (robust to other processes' load, unlike wall time).</summary>
        private static double LastCpuMs;

        /// <summary>GC pause time and collections during the last analyzer pass (the driver's telemetry counts a pause against whichever analyzer was running).</summary>
        private static (double PauseMs, int Collections) LastGc;

        private static CSharpCompilation Create(SyntaxTree[] trees, ImmutableArray<MetadataReference> references) =>
            CSharpCompilation.Create(
                "Corpus",
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));

        private static SyntaxTree[] Parse(IReadOnlyList<(string Path, string Text)> files)
        {
            var options = new CSharpParseOptions(LanguageVersion.CSharp12);
            return files.Select(f => CSharpSyntaxTree.ParseText(f.Text, options, f.Path)).ToArray();
        }

        /// <summary>The .NET 10 reference pack from the NuGet cache (restored by the project), else the running runtime's assemblies.</summary>
        private static ImmutableArray<MetadataReference> References()
        {
            var nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var pack = Path.Combine(nuget, "microsoft.netcore.app.ref", "10.0.12", "ref", "net10.0");
            var dir = Directory.Exists(pack) ? pack : Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            return Directory.EnumerateFiles(dir, "*.dll")
                .Where(f => !Path.GetFileName(f).StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal) || Directory.Exists(pack))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
                .ToImmutableArray();
        }

        private static string? FindRoot()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "DistAnalyzers.sln")))
                    {
                        return dir.FullName;
                    }
                }
            }

            return null;
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private static double Median(IReadOnlyCollection<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        private static string Ids(DiagnosticAnalyzer a) => string.Join(",", a.SupportedDiagnostics.Select(d => d.Id).Distinct());

        private static string Percent(double share) => (share * 100).ToString("F2", CultureInfo.InvariantCulture) + " %";

        private static string Verdict(bool ok, string text) => (ok ? "PASS " : "MISS ") + text;

        private static int IntArg(string[] args, string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        }
    }
}
