using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Robustness.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DistAnalyzers.Robustness
{
    /// <summary>Every C# source of the repository, and deterministic mutants of each: no analyzer throws.</summary>
    public sealed class CorpusTests
    {
        private readonly ITestOutputHelper output;

        public CorpusTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void Snippets_are_extracted_with_markup_stripped()
        {
            const string testFile = "class T { const string Source = \"\"\"\n    class C { int {|DIST301:ClusterSize|} = [|4|]; {|#0:void M() { }|} }\n    \"\"\"; "
                + "const string Config = \"dist_analyzers.DIST301.size_words = Nodes\"; const string Name = \"ClusterSize\"; "
                + "string Verbatim = @\"namespace N { class D { void M() { var x = 1; } } }\"; }";
            var snippets = Corpus.ExtractSnippets(testFile).ToArray();
            Assert.Equal(new[] { "class C { int ClusterSize = 4; void M() { } }", "namespace N { class D { void M() { var x = 1; } } }" }, snippets);
        }

        [Fact]
        public void The_corpus_is_found()
        {
            Assert.True(System.IO.Directory.Exists(System.IO.Path.Combine(Corpus.RepositoryRoot, "samples")));
            Assert.NotEmpty(Corpus.Snippets);
            output.WriteLine($"{Rules.Analyzers.Length} analyzers, {Rules.CodeFixes.Length} code fixes; {Corpus.Samples.Count} sample files, {Corpus.Snippets.Count} test snippets");
        }

        [Fact]
        public async Task Every_source_analyzes_without_exception()
        {
            var probes = await Baseline.AllAsync();
            var failures = probes.Where(p => p.Result.Failures.Count > 0)
                .Select(p => (p.Name, string.Join("\n// ----\n", p.Files.Select(f => f.Text)), p.Result.Failures));
            var report = Baseline.Report("corpus", failures);
            Assert.True(report.Length == 0, report);
            output.WriteLine($"{probes.Count} inputs, {probes.Sum(p => p.Result.Dist.Count())} DIST diagnostics");
        }

        [Fact]
        public async Task Mutants_analyze_without_exception()
        {
            var references = await Harness.Net100Async();
            var mutants = Mutator.Generate(Corpus.All, Budget.Mutants, Budget.Seed);
            var results = await Harness.ParallelAsync(mutants, m => Harness.RunAsync(Harness.Compile(new[] { ("/Mutant.cs", m.Text) }, references)));
            var failures = mutants.Zip(results)
                .Where(p => p.Second.Failures.Count > 0)
                .Select(p => (p.First.ToString(), p.First.Text, p.Second.Failures));
            var report = Baseline.Report("mutants", failures);
            Assert.True(report.Length == 0, report + $"\n(seed {Budget.Seed}, {Budget.Mutants} mutants)");
            output.WriteLine($"{mutants.Count} mutants (seed {Budget.Seed}), {results.Sum(r => r.Dist.Count())} DIST diagnostics on them; "
                + string.Join(", ", mutants.GroupBy(m => m.Kind).Select(g => $"{g.Key} {g.Count()}")));
        }

        [Fact]
        public void Mutants_are_deterministic()
        {
            var sources = Corpus.All;
            var a = Mutator.Generate(sources, 50, Budget.Seed).Select(m => m.ToString() + m.Text).ToArray();
            var b = Mutator.Generate(sources, 50, Budget.Seed).Select(m => m.ToString() + m.Text).ToArray();
            Assert.Equal(a, b);
        }
    }
}
