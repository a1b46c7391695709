using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DistAnalyzers.Robustness.Infrastructure
{
    /// <summary>An exception an analyzer threw, as the driver reported it (each would be an AD0001 warning in a build).</summary>
    public sealed class AnalyzerFailure
    {
        public AnalyzerFailure(string analyzer, Exception exception, string? diagnosticId)
        {
            Analyzer = analyzer;
            Exception = exception;
            DiagnosticId = diagnosticId;
        }

        public string Analyzer { get; }

        public Exception Exception { get; }

        public string? DiagnosticId { get; }

        public override string ToString()
        {
            var frames = (Exception.StackTrace ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(6);
            return $"{Analyzer}: {Exception.GetType().Name}: {Exception.Message}\n      " + string.Join("\n      ", frames);
        }
    }

    /// <summary>The outcome of one analyzer run: diagnostics, and every exception the analyzers threw.</summary>
    public sealed class RunResult
    {
        public RunResult(Compilation compilation, ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<AnalyzerFailure> failures)
        {
            Compilation = compilation;
            Diagnostics = diagnostics;
            Failures = failures;
        }

        public Compilation Compilation { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        public IReadOnlyList<AnalyzerFailure> Failures { get; }

        public IEnumerable<Diagnostic> Dist => Diagnostics.Where(d => Rules.IsDist(d.Id));

        /// <summary>A stable, order-independent description of the DIST diagnostics, for comparing runs.</summary>
        public string[] Signature() => Dist
            .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath}:{d.Location.SourceSpan} {d.GetMessage()}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Builds probe compilations and runs every analyzer on them, collecting exceptions through the driver's callback.</summary>
    public static class Harness
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

        public static readonly CSharpCompilationOptions LibraryOptions = new(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            concurrentBuild: false);

        /// <summary>.NET 10 reference pack, restored by the project's <c>PackageDownload</c>.</summary>
        public static readonly ReferenceAssemblies Net100 = new(
            "net10.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
            Path.Combine("ref", "net10.0"));

        private static readonly ConcurrentDictionary<string, Lazy<Task<ImmutableArray<MetadataReference>>>> Cache = new();

        /// <summary>.NET 8 references (the tests' default): what snippets are written against.</summary>
        public static Task<ImmutableArray<MetadataReference>> Net80Async() => ResolveAsync(ReferenceAssemblies.Net.Net80);

        /// <summary>.NET 10 references: what the sample projects target.</summary>
        public static Task<ImmutableArray<MetadataReference>> Net100Async() => ResolveAsync(Net100);

        public static Task<ImmutableArray<MetadataReference>> ResolveAsync(ReferenceAssemblies assemblies) =>
            Cache.GetOrAdd(assemblies.TargetFramework, _ => new Lazy<Task<ImmutableArray<MetadataReference>>>(
                () => assemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None))).Value;

        public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> files, IEnumerable<MetadataReference> references, CSharpCompilationOptions? options = null, CSharpParseOptions? parseOptions = null)
        {
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions ?? ParseOptions, path: f.Path)).ToArray();
            return CSharpCompilation.Create("Probe", trees, references, options ?? LibraryOptions);
        }

        public static CSharpCompilation Compile(string text, IEnumerable<MetadataReference> references) =>
            Compile(new[] { ("/Probe.cs", text) }, references);

        /// <summary>Runs <paramref name="analyzers"/> (default: every package analyzer) on <paramref name="compilation"/>.</summary>
        public static async Task<RunResult> RunAsync(
            Compilation compilation,
            ImmutableArray<DiagnosticAnalyzer> analyzers = default,
            AnalyzerConfigOptionsProvider? configOptions = null,
            bool concurrent = true,
            CancellationToken cancellationToken = default)
        {
            if (analyzers.IsDefault)
            {
                analyzers = Rules.Analyzers;
            }

            var failures = new ConcurrentQueue<AnalyzerFailure>();
            if (analyzers.IsEmpty)
            {
                return new RunResult(compilation, ImmutableArray<Diagnostic>.Empty, Array.Empty<AnalyzerFailure>());
            }

            var analyzerOptions = configOptions is null
                ? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty)
                : new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, configOptions);
            var options = new CompilationWithAnalyzersOptions(
                analyzerOptions,
                onAnalyzerException: (ex, analyzer, diagnostic) => failures.Enqueue(new AnalyzerFailure(analyzer.GetType().Name, ex, diagnostic?.Id)),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

            // AD0001 would mean an exception escaped the callback; count it as a failure too.
            foreach (var d in diagnostics.Where(d => d.Id == "AD0001"))
            {
                failures.Enqueue(new AnalyzerFailure("AD0001", new InvalidOperationException(d.GetMessage()), d.Id));
            }

            return new RunResult(compilation, diagnostics, failures.ToArray());
        }

        /// <summary>Runs <paramref name="work"/> over <paramref name="items"/> on every core, keeping the input order in the result.</summary>
        public static async Task<TResult[]> ParallelAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> work)
        {
            var results = new TResult[items.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, items.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                async (i, _) => results[i] = await work(items[i]).ConfigureAwait(false)).ConfigureAwait(false);
            return results;
        }
    }

    /// <summary>An <c>.editorconfig</c> stand-in: answers every <c>dist_analyzers.*</c> key with one value.</summary>
    public sealed class UniformOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Options options;

        public UniformOptionsProvider(string value)
        {
            options = new Options(value);
        }

        public override AnalyzerConfigOptions GlobalOptions => options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => options;

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly string value;

            public Options(string value)
            {
                this.value = value;
            }

            public override bool TryGetValue(string key, out string value)
            {
                if (key.StartsWith("dist_analyzers.", StringComparison.Ordinal))
                {
                    value = this.value;
                    return true;
                }

                value = null!;
                return false;
            }
        }
    }
}
