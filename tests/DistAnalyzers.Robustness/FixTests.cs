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
        /// <summary>Mutants whose fixes are applied (only exceptions are checked there: the code is already broken).</summary>
        public static readonly int FixedMutants = System.Math.Max(40, Budget.Mutants / 15);

        private readonly ITestOutputHelper output;

        public FixTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task Every_fix_removes_its_diagnostic_and_compiles()
        {
            var references = await Harness.Net100Async();
            var probes = (await Baseline.AllAsync())
                .Where(p => p.Result.Dist.Any(d => Rules.FixersFor(d.Id).Any()))
                .ToArray();
            var reports = await Harness.ParallelAsync(probes, p => FixRunner.CheckAsync(p.Name, p.Files, references, Rules.Analyzers, Rules.CodeFixes));
            var problems = reports.SelectMany(r => r.Problems).ToArray();
            Assert.True(problems.Length == 0, $"{problems.Length} fix problem(s):\n" + string.Join("\n\n", problems.Take(15).Select(Short)));
            output.WriteLine($"{probes.Length} inputs with fixable diagnostics, {reports.Sum(r => r.Diagnostics)} diagnostics, {reports.Sum(r => r.FixesApplied)} fixes and {reports.Sum(r => r.FixAllsApplied)} Fix Alls applied");
        }

        [Fact]
        public async Task Fixes_on_mutants_do_not_throw()
        {
            var references = await Harness.Net100Async();
            var mutants = Mutator.Generate(Corpus.All, Budget.Mutants, Budget.Seed + 1);
            var runs = await Harness.ParallelAsync(mutants, m => Harness.RunAsync(Harness.Compile(new[] { ("/Mutant.cs", m.Text) }, references)));
            var fixable = mutants.Zip(runs).Where(p => p.Second.Dist.Any(d => Rules.FixersFor(d.Id).Any())).Take(FixedMutants).ToArray();
            var reports = await Harness.ParallelAsync(fixable, p => FixRunner.CheckAsync(p.First.ToString(), new[] { ("/Mutant.cs", p.First.Text) }, references, Rules.Analyzers, Rules.CodeFixes));

            // On broken code a fix may leave or add errors; it must never throw, nor make an analyzer throw.
            var problems = reports.SelectMany(r => r.Problems).Where(p => p.Contains(" threw ") || p.Contains("an analyzer throws")).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n\n", problems.Take(15).Select(Short)));
            output.WriteLine($"{fixable.Length} mutants with fixable diagnostics, {reports.Sum(r => r.FixesApplied)} fixes applied");
        }

        private static string Short(string s) => s.Length <= 4000 ? s : s.Substring(0, 4000) + "\n…";
    }
}
