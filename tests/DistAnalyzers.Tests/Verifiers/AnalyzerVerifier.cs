using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DistAnalyzers.Tests.Verifiers
{
    /// <summary>A thin wrapper over <see cref="CSharpAnalyzerTest{TAnalyzer, TVerifier}"/>: markup locations, C# 12, .NET 8 references.</summary>
    public static class AnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

        /// <summary>Checks that <paramref name="source"/> produces exactly the marked (<c>{|DISTnnn:…|}</c>) diagnostics.</summary>
        public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, editorConfig: null, references: null, expected);

        public static Task VerifyAsync(string source, string? editorConfig, ReferenceAssemblies? references = null, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            if (editorConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig(editorConfig)));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        /// <summary>
        /// <see cref="VerifyAsync(string, DiagnosticResult[])"/> for top-level statements: the source is compiled as a
        /// console application (its implicit Program type and <c>Main</c>), with optional option lines.
        /// </summary>
        public static Task VerifyProgramAsync(string source, string? editorConfig = null)
        {
            var test = new Test { TestCode = source };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            if (editorConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig(editorConfig)));
            }

            return test.RunAsync();
        }

        /// <summary>Wraps option lines in a root <c>.editorconfig</c> section that applies to every C# file.</summary>
        public static string EditorConfig(string lines) => "root = true\n\n[*.cs]\n" + lines + "\n";

        public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = TestReferences.Net80;
            }

            protected override ParseOptions CreateParseOptions() =>
                ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12);
        }
    }
}
