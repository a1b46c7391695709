using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Robustness.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace DistAnalyzers.Robustness
{
    /// <summary>The same input analyzed five times at once, with concurrent execution, gives the same diagnostics as a sequential run.</summary>
    public sealed class DeterminismTests
    {
        public const int Runs = 5;

        private readonly ITestOutputHelper output;

        public DeterminismTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task Concurrent_runs_give_identical_results()
        {
            var references = await Harness.Net100Async();
            var projects = await Baseline.ProjectsAsync();
            var sources = await Baseline.SourcesAsync();

            // The sample projects, the inputs with the most diagnostics, and a few torture sources with many nodes.
            var inputs = new List<(string Name, Compilation Compilation)>();
            inputs.AddRange(projects.Select(p => (p.Name, p.Result.Compilation)));
            inputs.AddRange(sources.OrderByDescending(p => p.Result.Dist.Count()).ThenBy(p => p.Name, StringComparer.Ordinal)
                .Take(Budget.DeterminismSources)
                .Select(p => (p.Name, p.Result.Compilation)));
            inputs.Add(("torture/PartialTypes", Harness.Compile(Torture.PartialTypes(), references)));
            inputs.Add(("torture/Clusters", Harness.Compile(Enumerable.Range(0, 4).Select(i => ($"/Cluster{i}.cs", DistPatterns.Usings + "namespace C" + i + ";\n" + DistPatterns.Cluster(i) + DistPatterns.Service(i))).ToArray(), references)));

            var problems = new List<string>();
            foreach (var (name, compilation) in inputs)
            {
                var sequential = await Harness.RunAsync(compilation, concurrent: false);
                var runs = await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => Task.Run(() => Harness.RunAsync(compilation, concurrent: true))));
                var expected = sequential.Signature();
                for (var i = 0; i < runs.Length; i++)
                {
                    var actual = runs[i].Signature();
                    if (!expected.SequenceEqual(actual))
                    {
                        problems.Add($"{name}, concurrent run {i + 1}: expected\n  {string.Join("\n  ", expected)}\nbut got\n  {string.Join("\n  ", actual)}");
                    }

                    problems.AddRange(runs[i].Failures.Select(f => $"{name}, run {i + 1}: {f}"));
                }

                problems.AddRange(sequential.Failures.Select(f => $"{name}, sequential run: {f}"));
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
            output.WriteLine($"{inputs.Count} inputs x (1 sequential + {Runs} concurrent) runs");
        }
    }
}
