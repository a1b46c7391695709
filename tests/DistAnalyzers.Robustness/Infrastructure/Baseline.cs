using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace DistAnalyzers.Robustness.Infrastructure
{
    /// <summary>One analyzed input: a corpus source alone, or a sample project's files together.</summary>
    public sealed class Probe
    {
        public Probe(string name, IReadOnlyList<(string Path, string Text)> files, RunResult result)
        {
            Name = name;
            Files = files;
            Result = result;
        }

        public string Name { get; }

        public IReadOnlyList<(string Path, string Text)> Files { get; }

        public RunResult Result { get; }

        public override string ToString() => Name;
    }

    /// <summary>
    /// Every corpus source analyzed once (alone, against .NET 10 references), and every sample project as a whole.
    /// Computed once per test run and shared by the test classes.
    /// </summary>
    public static class Baseline
    {
        private static readonly Lazy<Task<IReadOnlyList<Probe>>> LazySources = new(() => AnalyzeSourcesAsync());
        private static readonly Lazy<Task<IReadOnlyList<Probe>>> LazyProjects = new(() => AnalyzeProjectsAsync());

        /// <summary>Each sample file and each snippet, alone.</summary>
        public static Task<IReadOnlyList<Probe>> SourcesAsync() => LazySources.Value;

        /// <summary>Each sample project (<c>samples/Katas</c>, <c>samples/Katas.Repaired</c>), its files together.</summary>
        public static Task<IReadOnlyList<Probe>> ProjectsAsync() => LazyProjects.Value;

        public static async Task<IReadOnlyList<Probe>> AllAsync() => (await ProjectsAsync()).Concat(await SourcesAsync()).ToArray();

        public static string PathOf(CorpusSource source) => source.IsSample ? "/" + source.Name : "/Test0.cs";

        private static async Task<IReadOnlyList<Probe>> AnalyzeSourcesAsync()
        {
            var references = await Harness.Net100Async();
            var sources = Corpus.All;
            return await Harness.ParallelAsync(sources, async source =>
            {
                var files = new[] { (PathOf(source), source.Text) };
                var result = await Harness.RunAsync(Harness.Compile(files, references));
                return new Probe(source.Name, files, result);
            });
        }

        private static async Task<IReadOnlyList<Probe>> AnalyzeProjectsAsync()
        {
            var references = await Harness.Net100Async();
            var projects = Corpus.Samples.GroupBy(s => s.Project!).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
            return await Harness.ParallelAsync(projects, async project =>
            {
                var files = project.Select(s => (PathOf(s), s.Text)).ToArray();
                var result = await Harness.RunAsync(Harness.Compile(files, references));
                return new Probe("samples/" + project.Key, files, result);
            });
        }

        /// <summary>Formats failures for an assertion message, writing each failing input to disk for reproduction.</summary>
        public static string Report(string what, IEnumerable<(string Input, string Text, IReadOnlyList<AnalyzerFailure> Failures)> failures, int limit = 20)
        {
            var list = failures.ToArray();
            if (list.Length == 0)
            {
                return string.Empty;
            }

            var dir = Path.Combine(AppContext.BaseDirectory, "robustness-failures", what);
            Directory.CreateDirectory(dir);
            var s = new StringBuilder($"{list.Length} {what} input(s) made an analyzer throw (inputs written to {dir}):\n");
            var i = 0;
            foreach (var (input, text, inputFailures) in list)
            {
                var file = Path.Combine(dir, $"{i:D4}.cs");
                File.WriteAllText(file, "// " + input.Replace("\n", " ") + "\n" + text);
                if (i < limit)
                {
                    s.Append($"- {input} ({file})\n");
                    foreach (var failure in inputFailures.GroupBy(f => f.ToString()).Select(g => g.First()).Take(3))
                    {
                        s.Append("    ").Append(failure).Append('\n');
                    }
                }

                i++;
            }

            return s.ToString();
        }
    }
}
