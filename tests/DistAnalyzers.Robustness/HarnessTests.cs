using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Robustness.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DistAnalyzers.Robustness
{
    /// <summary>
    /// The checks can fail: canary analyzers and fixes (defined here, outside the package, so reflection does not pick
    /// them up) that throw, break the code or leave their diagnostic are caught by the same harness.
    /// </summary>
    public sealed class HarnessTests
    {
        private const string Source = "class C { int CanaryA = 4; int CanaryB = 6; int Calm = 2; }";

        [Fact]
        public async Task The_harness_catches_an_analyzer_exception_through_the_callback()
        {
            var compilation = Harness.Compile("class C { int Boom = 1; }", await Harness.Net100Async());
            var result = await Harness.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer()));
            var failure = Assert.Single(result.Failures);
            Assert.IsType<InvalidOperationException>(failure.Exception);
            Assert.Equal(nameof(ThrowingAnalyzer), failure.Analyzer);
        }

        [Fact]
        public async Task A_good_fix_passes()
        {
            var report = await CheckAsync(new RenameFix());
            Assert.Empty(report.Problems);
            Assert.Equal(2, report.Diagnostics);
            Assert.Equal(2, report.FixesApplied);
            Assert.Equal(2, report.FixAllsApplied); // one document, one project
        }

        [Fact]
        public async Task A_fix_that_adds_a_compiler_error_is_caught()
        {
            var report = await CheckAsync(new BreakingFix());
            Assert.Contains(report.Problems, p => p.Contains("adds compiler errors"));
        }

        [Fact]
        public async Task A_fix_that_leaves_its_diagnostic_is_caught()
        {
            var report = await CheckAsync(new StubbornFix());
            Assert.Contains(report.Problems, p => p.Contains("the fixed diagnostics remain"));
        }

        [Fact]
        public async Task A_fix_that_throws_is_caught()
        {
            var report = await CheckAsync(new ThrowingFix());
            Assert.Contains(report.Problems, p => p.Contains("RegisterCodeFixesAsync threw"));
        }

        [Fact]
        public async Task Mutants_cover_every_kind_and_stay_stable()
        {
            var source = new CorpusSource("canary", "class C { const int ClusterSize = 4; int M(int n) { return n / 2 + ClusterSize; } }", null);
            var mutants = Mutator.Generate(new[] { source }, 70, 7);
            Assert.Equal(Mutator.Kinds.OrderBy(k => k), mutants.Select(m => m.Kind).Distinct().OrderBy(k => k));
            Assert.All(mutants.Where(m => m.Kind == MutationKind.ExtremeNumber), m => Assert.DoesNotContain("= 4;", m.Text));
            Assert.Contains(mutants, m => m.Text != source.Text);
            var result = await Harness.RunAsync(Harness.Compile(mutants[0].Text, await Harness.Net100Async()), ImmutableArray.Create<DiagnosticAnalyzer>(new CanaryAnalyzer()));
            Assert.Empty(result.Failures);
        }

        private static async Task<FixReport> CheckAsync(CodeFixProvider fix) =>
            await FixRunner.CheckAsync("canary", new[] { ("/Canary.cs", Source) }, await Harness.Net100Async(), ImmutableArray.Create<DiagnosticAnalyzer>(new CanaryAnalyzer()), ImmutableArray.Create(fix));

        /// <summary>Flags fields whose name starts with "Canary" (an ID that looks like ours, so the harness counts it).</summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class CanaryAnalyzer : DiagnosticAnalyzer
        {
            public static readonly DiagnosticDescriptor Rule = new("DIST999", "Canary", "Canary field '{0}'", "Test", DiagnosticSeverity.Warning, true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterSyntaxNodeAction(
                    c =>
                    {
                        var v = (VariableDeclaratorSyntax)c.Node;
                        if (v.Identifier.ValueText.StartsWith("Canary", StringComparison.Ordinal))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Rule, v.Identifier.GetLocation(), v.Identifier.ValueText));
                        }
                    },
                    SyntaxKind.VariableDeclarator);
            }
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
        {
            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(CanaryAnalyzer.Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterSyntaxNodeAction(
                    c =>
                    {
                        if (((VariableDeclaratorSyntax)c.Node).Identifier.ValueText == "Boom")
                        {
                            throw new InvalidOperationException("boom");
                        }
                    },
                    SyntaxKind.VariableDeclarator);
            }
        }

        private abstract class CanaryFix : CodeFixProvider
        {
            public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("DIST999");

            public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

            public override async Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                var root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken))!;
                var token = root.FindToken(context.Span.Start);
                var replacement = Replace(token);
                context.RegisterCodeFix(
                    CodeAction.Create(GetType().Name, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceToken(token, replacement))), GetType().Name),
                    context.Diagnostics);
            }

            protected abstract SyntaxToken Replace(SyntaxToken token);
        }

        private sealed class RenameFix : CanaryFix
        {
            protected override SyntaxToken Replace(SyntaxToken token) => SyntaxFactory.Identifier(token.LeadingTrivia, "Calm" + token.ValueText.Substring("Canary".Length), token.TrailingTrivia);
        }

        private sealed class BreakingFix : CanaryFix
        {
            protected override SyntaxToken Replace(SyntaxToken token) => SyntaxFactory.Identifier(token.LeadingTrivia, "Calm" + token.ValueText.Substring("Canary".Length) + " = 1, = ", token.TrailingTrivia);
        }

        private sealed class StubbornFix : CanaryFix
        {
            protected override SyntaxToken Replace(SyntaxToken token) => token.WithTrailingTrivia(token.TrailingTrivia.Add(SyntaxFactory.Comment("/* fixed? */ ")));
        }

        private sealed class ThrowingFix : CanaryFix
        {
            protected override SyntaxToken Replace(SyntaxToken token) => throw new InvalidOperationException("fix boom");
        }
    }
}
