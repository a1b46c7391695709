using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DistAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Runs analyzers on sources directly (no markup), collecting analyzer exceptions through the
    /// exception callback. For tests that must see every diagnostic and every exception of any input.
    /// </summary>
    public static class AnalyzerRunner
    {
        private static readonly ConcurrentDictionary<string, Lazy<Task<ImmutableArray<MetadataReference>>>> References = new();

        public static Task<ImmutableArray<MetadataReference>> ReferencesAsync(ReferenceAssemblies? assemblies = null)
        {
            var ra = assemblies ?? TestReferences.Net80;
            return References.GetOrAdd(ra.TargetFramework, _ => new Lazy<Task<ImmutableArray<MetadataReference>>>(
                () => ra.ResolveAsync(LanguageNames.CSharp, CancellationToken.None))).Value;
        }

        /// <summary>A class library compiled from <paramref name="source"/> against the test references and <paramref name="more"/>.</summary>
        public static async Task<CSharpCompilation> LibraryAsync(string assemblyName, string source, params MetadataReference[] more) =>
            CSharpCompilation.Create(
                assemblyName,
                new[] { CSharpSyntaxTree.ParseText(source) },
                (await ReferencesAsync().ConfigureAwait(false)).AddRange(more),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        /// <summary><paramref name="library"/> emitted to an assembly image, as a build references a compiled library; the test fails if it does not compile.</summary>
        public static MetadataReference ImageOf(Compilation library)
        {
            using var stream = new System.IO.MemoryStream();
            var result = library.Emit(stream);
            Xunit.Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            return MetadataReference.CreateFromImage(stream.ToArray());
        }

        /// <summary>The image of the library <see cref="LibraryAsync"/> compiles.</summary>
        public static async Task<MetadataReference> ImageAsync(string assemblyName, string source, params MetadataReference[] more) =>
            ImageOf(await LibraryAsync(assemblyName, source, more).ConfigureAwait(false));

        public static Task<Result> RunAsync(IEnumerable<DiagnosticAnalyzer> analyzers, params string[] sources) =>
            RunFilesAsync(analyzers, sources.Select((s, i) => (s, $"/Test{i}.cs")).ToArray());

        /// <summary>Like <see cref="RunAsync"/>, with a path per source (file names matter for generated code).</summary>
        public static async Task<Result> RunFilesAsync(IEnumerable<DiagnosticAnalyzer> analyzers, params (string Source, string Path)[] files)
        {
            var references = await ReferencesAsync().ConfigureAwait(false);
            var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Source, parse, path: f.Path)).ToArray();
            var compilation = CSharpCompilation.Create(
                "Probe",
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var exceptions = new ConcurrentBag<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (ex, analyzer, diagnostic) => exceptions.Add(ex),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(analyzers.ToImmutableArray(), options);
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            return new Result(diagnostics, exceptions.ToArray());
        }

        public sealed class Result
        {
            public Result(ImmutableArray<Diagnostic> diagnostics, Exception[] exceptions)
            {
                Diagnostics = diagnostics;
                Exceptions = exceptions;
            }

            public ImmutableArray<Diagnostic> Diagnostics { get; }

            /// <summary>Exceptions thrown by analyzers (each would be an AD0001 warning in a real build).</summary>
            public Exception[] Exceptions { get; }

            public IEnumerable<Diagnostic> Dist => Diagnostics.Where(d => d.Id.StartsWith("DIST", StringComparison.Ordinal));
        }
    }
}
