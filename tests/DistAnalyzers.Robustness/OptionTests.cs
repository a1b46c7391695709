using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Robustness.Infrastructure;
using Xunit;

namespace DistAnalyzers.Robustness
{
    /// <summary>Any <c>.editorconfig</c> value for any <c>dist_analyzers.*</c> key: analyzers fall back, never throw.</summary>
    public sealed class OptionTests
    {
        public static readonly string[] BadValues =
        {
            "", ",,,", "+", "*", "+*", "A+", "*A**", "a,,b", "-1", "0", "-2147483648", "99999999999999999999", "NaN", "-Infinity", "1e400", "true", "\0\t\n", "🙂, 节点, Δ", new string('x', 20_000),
            string.Join(",", Enumerable.Range(0, 2_000).Select(i => "W" + i)),
        };

        [Fact]
        public async Task Bad_option_values_do_not_crash()
        {
            // The kata project (every rule fires there) and the snippets with the most diagnostics.
            var projects = (await Baseline.ProjectsAsync()).Where(p => p.Result.Dist.Any()).Take(1);
            var snippets = (await Baseline.SourcesAsync()).Where(p => !p.Name.StartsWith("samples/", System.StringComparison.Ordinal)).OrderByDescending(p => p.Result.Dist.Count()).ThenBy(p => p.Name, System.StringComparer.Ordinal).Take(4);
            var probes = projects.Concat(snippets).ToArray();
            var runs = probes.SelectMany(p => BadValues.Select(v => (Probe: p, Value: v))).ToArray();
            var results = await Harness.ParallelAsync(runs, r => Harness.RunAsync(r.Probe.Result.Compilation, configOptions: new UniformOptionsProvider(r.Value)));
            var failures = runs.Zip(results)
                .Where(p => p.Second.Failures.Count > 0)
                .Select(p => (p.First.Probe.Name + $" with every dist_analyzers.* = '{Short(p.First.Value)}'", string.Join("\n// ----\n", p.First.Probe.Files.Select(f => f.Text)), p.Second.Failures));
            var report = Baseline.Report("options", failures);
            Assert.True(report.Length == 0, report);
        }

        private static string Short(string s) => s.Length <= 30 ? s : s.Substring(0, 30) + "…";
    }
}
