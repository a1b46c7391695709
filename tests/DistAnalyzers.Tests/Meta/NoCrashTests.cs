using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Tests.Verifiers;
using Xunit;

namespace DistAnalyzers.Tests.Meta
{
    /// <summary>Every analyzer, on empty and half-typed code: no diagnostic and no exception.</summary>
    public sealed class NoCrashTests
    {
        public static readonly string[] Sources =
        {
            "",
            "class",
            "class C {",
            "class C { void M() { var x = ; } }",
            "class C { int ClusterSize = ; }",
            "class C { void M() { if (votes >= ) { } } }",
            "class C { void M() { Task.WhenAll(replicas.Select(r => r. }",
            "class C { void M() { new System.Net.IPEndPoint(System.Net.IPAddress.Parse(), ); } }",
            "class C { void M() { Foo.Bar(Baz.Qux( } }",
            "namespace N { public record R(int X, ; }",
            "class C { Unknown F = new Unknown { A = B, }; void M() => Unresolved.Call(1, 2, ); }",
            "using System; class C { void M() { var t = DateTime.UtcNow - ; TimeSpan.FromSeconds(); } }",
            "using System.Diagnostics; class C { void M() { var s = Stopwatch.GetTimestamp(); s. } }",
            "class C { void M() { for (;;) { try { } catch ( } } }",
            "class C { bool RequestVote(int term, ) { return true } }",
            "class C { const int X = 1 / 0; int Y = int.MaxValue * 2; }",
            "class C { void M() { int[] a = [1, 2, ; } }",
            "partial class",
            "#if\nclass C {}\n#endif",
            "class C { void M() { checked(unchecked(x - y)); } }",
        };

        public static TheoryData<string> BrokenSources => new(Sources);

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task Broken_source_gives_no_diagnostic_and_no_exception(string source)
        {
            var result = await AnalyzerRunner.RunAsync(Catalog.Analyzers, source);
            Assert.Empty(result.Exceptions);
            Assert.Empty(result.Dist);
        }

        [Fact]
        public async Task Empty_compilation_gives_nothing()
        {
            var result = await AnalyzerRunner.RunAsync(Catalog.Analyzers);
            Assert.Empty(result.Exceptions);
            Assert.Empty(result.Diagnostics);
        }

        [Fact]
        public async Task Each_analyzer_alone_survives_every_broken_source()
        {
            var sources = Sources;
            foreach (var analyzer in Catalog.Analyzers)
            {
                var result = await AnalyzerRunner.RunAsync(new[] { analyzer }, sources);
                Assert.True(result.Exceptions.Length == 0, analyzer.GetType().Name + ": " + string.Join("\n", result.Exceptions.Select(e => e.ToString())));
            }
        }
    }
}
