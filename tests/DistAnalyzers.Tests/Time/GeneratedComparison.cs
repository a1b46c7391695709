using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DistAnalyzers.Tests.Time
{
    /// <summary>Compiles generated code (a fix's output) and runs it: the fix must be right, not only compile.</summary>
    internal static class GeneratedComparison
    {
        /// <summary>Compiles <paramref name="source"/> once and calls its static <c>VectorClock.Compare(string, string)</c> on each pair.</summary>
        public static string[] Run(string source, (string Left, string Right)[] pairs)
        {
            var references = AnalyzerRunner.ReferencesAsync().GetAwaiter().GetResult();
            var compilation = CSharpCompilation.Create(
                "Generated" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream);
            if (!emit.Success)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }

            stream.Position = 0;
            var context = new AssemblyLoadContext(null, isCollectible: true);
            try
            {
                var assembly = context.LoadFromStream(stream);
                var method = assembly.GetType("VectorClock")!.GetMethod("Compare", BindingFlags.Public | BindingFlags.Static)!;
                return pairs.Select(p => (string)method.Invoke(null, new object[] { p.Left, p.Right })!).ToArray();
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
