using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

// A test-only analyzer: no release tracking, and it is created by the test, not discovered by attribute.
#pragma warning disable RS2008, RS1001

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class OneSemanticModelActionTests
    {
        private static readonly DiagnosticDescriptor First = new DiagnosticDescriptor("TEST1", "first", "first", "Test", DiagnosticSeverity.Warning, true);
        private static readonly DiagnosticDescriptor Second = new DiagnosticDescriptor("TEST2", "second", "second", "Test", DiagnosticSeverity.Warning, true);

        /// <summary>
        /// A rule that registers two file-wide actions (and an operation action, which goes to the driver as it is)
        /// gets one file-wide callback per file from the driver, and both of its actions run in it, in order.
        /// </summary>
        [Fact]
        public async Task Two_file_wide_actions_of_a_rule_run_in_one_callback_per_file()
        {
            var references = await AnalyzerRunner.ReferencesAsync();
            var trees = new[]
            {
                CSharpSyntaxTree.ParseText("class A { void M() { M(); } }", path: "/A.cs"),
                CSharpSyntaxTree.ParseText("class B { }", path: "/B.cs"),
            };
            var compilation = CSharpCompilation.Create("T", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var analyzer = new TwoActions();
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));

            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);

            Assert.Equal(1, telemetry.SemanticModelActionsCount);
            Assert.Equal(1, telemetry.OperationActionsCount);
            var found = diagnostics.Select(d => d.Id + "@" + d.Location.SourceTree!.FilePath).OrderBy(s => s).ToArray();
            Assert.Equal(new[] { "TEST1@/A.cs", "TEST1@/B.cs", "TEST2@/A.cs", "TEST2@/B.cs", "TEST3@/A.cs" }.OrderBy(s => s), found);
            Assert.Equal(new[] { "1:/A.cs", "2:/A.cs", "1:/B.cs", "2:/B.cs" }.OrderBy(s => s), analyzer.Order.OrderBy(s => s));
            Assert.True(analyzer.Order.IndexOf("1:/A.cs") < analyzer.Order.IndexOf("2:/A.cs"));
            Assert.True(analyzer.Order.IndexOf("1:/B.cs") < analyzer.Order.IndexOf("2:/B.cs"));
        }

        private sealed class TwoActions : DistAnalyzer
        {
            private static readonly DiagnosticDescriptor Third = new DiagnosticDescriptor("TEST3", "third", "third", "Test", DiagnosticSeverity.Warning, true);

            public System.Collections.Generic.List<string> Order { get; } = new System.Collections.Generic.List<string>();

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(First, Second, Third);

            protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
            {
                context.RegisterSemanticModelAction(c => Report(c, First, "1:"));
                context.RegisterSemanticModelAction(c => Report(c, Second, "2:"));
                context.RegisterOperationAction(c => c.ReportDiagnostic(Diagnostic.Create(Third, c.Operation.Syntax.GetLocation())), OperationKind.Invocation);
            }

            private void Report(SemanticModelAnalysisContext context, DiagnosticDescriptor descriptor, string tag)
            {
                var tree = context.SemanticModel.SyntaxTree;
                lock (Order)
                {
                    Order.Add(tag + tree.FilePath);
                }

                context.ReportDiagnostic(Diagnostic.Create(descriptor, Location.Create(tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, 1))));
            }
        }
    }
}
