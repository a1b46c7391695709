using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Robustness.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DistAnalyzers.Robustness
{
    /// <summary>
    /// Every offered code fix, on every fixable diagnostic of the samples and the test snippets, alone and through
    /// Fix All (document and project scope): it removes its diagnostic, adds no compiler error, throws nothing.
    /// </summary>
    public sealed class FixTests
    {
        private readonly ITestOutputHelper output;

        public FixTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task Every_fix_removes_its_diagnostic_and_compiles()
        {
            var references = await Harness.Net100Async();
            // The sample projects as a whole only through project-wide Fix All (what `dotnet format` does); each kata
            // file alone through every single fix and Fix All.
            var projects = (await Baseline.ProjectsAsync()).Where(HasFixable).ToArray();
            var katas = (await Baseline.SourcesAsync()).Where(p => p.Name.StartsWith("samples/", System.StringComparison.Ordinal)).Where(HasFixable).ToArray();
            var sources = (await Baseline.SourcesAsync()).Where(p => !p.Name.StartsWith("samples/", System.StringComparison.Ordinal)).Where(HasFixable).ToArray();

            // Every kata project; of the snippets, for each fixable ID, a seeded sample of those that have it
            // (DIST_ROBUSTNESS_MUTANTS scales the sample; the rule's own tests check its marked fixes exactly).
            var random = new System.Random(Budget.Seed);
            var chosen = new HashSet<Probe>();
            foreach (var id in sources.SelectMany(p => p.Result.Dist).Select(d => d.Id).Where(id => Rules.FixersFor(id).Any()).Distinct().OrderBy(i => i, System.StringComparer.Ordinal))
            {
                var with = sources.Where(p => p.Result.Dist.Any(d => d.Id == id)).OrderBy(_ => random.Next()).Take(Budget.FixSnippetsPerRule);
                chosen.UnionWith(with);
            }

            var probes = projects.Select(p => (Probe: p, Scopes: FixScopes.Project))
                .Concat(katas.Concat(sources.Where(chosen.Contains)).Select(p => (Probe: p, Scopes: FixScopes.All)))
                .ToArray();
            var reports = await Harness.ParallelAsync(probes, p => FixRunner.CheckAsync(p.Probe.Name, p.Probe.Files, references, Rules.Analyzers, Rules.CodeFixes, p.Scopes));
            var problems = reports.SelectMany(r => r.Problems).ToArray();
            Assert.True(problems.Length == 0, $"{problems.Length} fix problem(s):\n" + string.Join("\n\n", problems.Take(15).Select(Short)));
            output.WriteLine($"{probes.Length} inputs ({sources.Length} snippets have fixable diagnostics), {reports.Sum(r => r.Diagnostics)} diagnostics, {reports.Sum(r => r.FixesApplied)} fixes and {reports.Sum(r => r.FixAllsApplied)} Fix Alls applied");
        }

        [Fact]
        public async Task Fixes_on_mutants_do_not_throw()
        {
            var references = await Harness.Net100Async();
            var mutants = Mutator.Generate(Corpus.All, Budget.Mutants, Budget.Seed + 1);
            var runs = await Harness.ParallelAsync(mutants, m => Harness.RunAsync(Harness.Compile(new[] { ("/Mutant.cs", m.Text) }, references)));
            var fixable = mutants.Zip(runs).Where(p => p.Second.Dist.Any(d => Rules.FixersFor(d.Id).Any())).Take(Budget.FixedMutants).ToArray();
            var reports = await Harness.ParallelAsync(fixable, p => FixRunner.CheckAsync(p.First.ToString(), new[] { ("/Mutant.cs", p.First.Text) }, references, Rules.Analyzers, Rules.CodeFixes));

            // On broken code a fix may leave or add errors; it must never throw, nor make an analyzer throw.
            var problems = reports.SelectMany(r => r.Problems).Where(p => p.Contains(" threw ") || p.Contains("an analyzer throws")).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n\n", problems.Take(15).Select(Short)));
            output.WriteLine($"{fixable.Length} mutants with fixable diagnostics, {reports.Sum(r => r.FixesApplied)} fixes applied");
        }

        private static bool HasFixable(Probe p) => p.Result.Dist.Any(d => Rules.FixersFor(d.Id).Any());

        private static string Short(string s) => s.Length <= 4000 ? s : s.Substring(0, 4000) + "\n…";
    }
}
