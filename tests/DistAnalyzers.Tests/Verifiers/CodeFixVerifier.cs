using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DistAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// A thin wrapper over <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/>. The fixed source is
    /// compiled: a compiler error in it fails the test. Fix All is checked at document, project and solution scope.
    /// </summary>
    public static class CodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

        /// <summary>Applies the fix with <paramref name="equivalenceKey"/> (or the first fix) to every marked diagnostic, one at a time and with Fix All.</summary>
        public static Task VerifyFixAsync(string source, string fixedSource, string? equivalenceKey = null, string? editorConfig = null, ReferenceAssemblies? references = null)
        {
            var test = Create(source, fixedSource, equivalenceKey, editorConfig, references);
            return test.RunAsync();
        }

        /// <summary>
        /// Like <see cref="VerifyFixAsync"/>, for sources where some diagnostics remain after the fix (forms without
        /// a fix): <paramref name="fixedSource"/> marks the diagnostics that stay.
        /// </summary>
        public static Task VerifyPartialFixAsync(string source, string fixedSource, int iterations, string? equivalenceKey = null, string? editorConfig = null, ReferenceAssemblies? references = null)
        {
            var test = Create(source, fixedSource, equivalenceKey, editorConfig, references);
            test.NumberOfIncrementalIterations = iterations;
            test.NumberOfFixAllIterations = iterations;
            test.NumberOfFixAllInDocumentIterations = iterations;
            test.NumberOfFixAllInProjectIterations = iterations;
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllCheck;
            return test.RunAsync();
        }

        /// <summary>Checks that no fix is offered for the marked diagnostics.</summary>
        public static Task VerifyNoFixAsync(string source, string? equivalenceKey = null, string? editorConfig = null, ReferenceAssemblies? references = null)
        {
            var test = Create(source, source, equivalenceKey, editorConfig, references);
            return test.RunAsync();
        }

        public static Test Create(string source, string fixedSource, string? equivalenceKey, string? editorConfig, ReferenceAssemblies? references)
        {
            var test = new Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                CodeActionEquivalenceKey = equivalenceKey,
            };

            // Markup in the fixed code states the diagnostics that remain (forms without a fix); by default the
            // framework would ignore markup of fixable IDs there.
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            if (references is not null)
            {
                test.ReferenceAssemblies = references;
            }

            if (editorConfig is not null)
            {
                var config = AnalyzerVerifier<TAnalyzer>.EditorConfig(editorConfig);
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", config));
                test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", config));
            }

            return test;
        }

        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
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
