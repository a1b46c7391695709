using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Robustness.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace DistAnalyzers.Robustness
{
    /// <summary>
    /// A rule's <see cref="TreeGate"/> skips a file whose text cannot hold what the rule needs, so it must never
    /// change a result. Every rule (found by reflection) runs with its gates and with them open on every sample and
    /// snippet, and again with every top-level type moved to a file of its own, where a gate that wrongly needs a
    /// name declared in another file (a receiver's type, a base class, a called method's parameter) would miss.
    /// </summary>
    public sealed class GateEquivalenceTests
    {
        private readonly ITestOutputHelper output;

        public GateEquivalenceTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        /// <summary>Every package analyzer, fresh, with its tree gates open.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Ungated { get; } = Rules.Analyzers
            .Select(a =>
            {
                var fresh = (DiagnosticAnalyzer)Activator.CreateInstance(a.GetType())!;
                if (fresh is DistAnalyzer dist)
                {
                    dist.UseTreeGates = false;
                }

                return fresh;
            })
            .ToImmutableArray();

        [Fact]
        public async Task Gates_never_change_a_result()
        {
            var probes = await Baseline.AllAsync();
            var problems = await Harness.ParallelAsync(probes, async probe =>
            {
                var open = await Harness.RunAsync(probe.Result.Compilation, Ungated);
                return Compare(probe.Name, probe.Result.Signature(), open.Signature());
            });

            var all = problems.SelectMany(p => p).ToArray();
            Assert.True(all.Length == 0, string.Join("\n", all.Take(20)));
            output.WriteLine($"{probes.Count} inputs, {probes.Sum(p => p.Result.Dist.Count())} diagnostics, the same with every gate open");
        }

        [Fact]
        public async Task Gates_never_change_a_result_with_every_type_in_its_own_file()
        {
            var references = await Harness.Net100Async();
            var probes = await Baseline.AllAsync();
            var inputs = probes
                .Select(p => (p.Name, Files: p.Files.SelectMany(f => SplitTypes(f.Path, f.Text)).ToArray(), Count: p.Files.Count))
                .Where(i => i.Files.Length > i.Count)
                .ToArray();
            var problems = await Harness.ParallelAsync(inputs, async input =>
            {
                var compilation = Harness.Compile(input.Files, references);
                var gated = await Harness.RunAsync(compilation);
                var open = await Harness.RunAsync(compilation, Ungated);
                return Compare(input.Name + " (split)", gated.Signature(), open.Signature())
                    .Concat(gated.Failures.Select(f => $"{input.Name} (split): {f}"));
            });

            var all = problems.SelectMany(p => p).ToArray();
            Assert.True(all.Length == 0, string.Join("\n", all.Take(20)));
            Assert.True(inputs.Length > 50, $"only {inputs.Length} inputs have more than one type: the split test would prove little");
            output.WriteLine($"{inputs.Length} inputs split into {inputs.Sum(i => i.Files.Length)} files, the same with every gate open");
        }

        [Fact]
        public void Split_puts_each_type_in_its_own_file()
        {
            var files = SplitTypes("/A.cs", "using System;\n[assembly: System.CLSCompliant(false)]\nnamespace N;\nclass A { }\nstruct B { }\ndelegate void D();\nenum E { X }\n");
            Assert.Equal(4, files.Count);
            Assert.Contains("class A", files[0].Text);
            Assert.DoesNotContain("struct B", files[0].Text);
            Assert.Contains("CLSCompliant", files[0].Text);
            Assert.All(files.Skip(1), f => Assert.DoesNotContain("CLSCompliant", f.Text));
            Assert.All(files, f => Assert.Contains("using System;", f.Text));
            Assert.Contains("enum E", files[3].Text);
        }

        /// <summary>
        /// One file per top-level type (in a namespace or not), each keeping the usings and namespaces; the first
        /// also keeps the top-level statements and assembly attributes. A file with one type or none is returned as is.
        /// </summary>
        public static IReadOnlyList<(string Path, string Text)> SplitTypes(string path, string text)
        {
            var root = CSharpSyntaxTree.ParseText(text, Harness.ParseOptions).GetCompilationUnitRoot();
            var types = root.DescendantNodes(n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax)
                .Where(n => n is BaseTypeDeclarationSyntax || n is DelegateDeclarationSyntax)
                .ToArray();
            if (types.Length < 2)
            {
                return new[] { (path, text) };
            }

            var result = new List<(string, string)>();
            for (var i = 0; i < types.Length; i++)
            {
                var keep = types[i];
                var remove = new List<SyntaxNode>(types.Where(t => t != keep));
                if (i > 0)
                {
                    remove.AddRange(root.Members.OfType<GlobalStatementSyntax>());
                    remove.AddRange(root.AttributeLists);
                }

                var part = root.RemoveNodes(remove, SyntaxRemoveOptions.KeepNoTrivia)!;
                result.Add((i == 0 ? path : path.Replace(".cs", $".part{i}.cs", StringComparison.Ordinal), part.ToFullString()));
            }

            return result;
        }

        private static IEnumerable<string> Compare(string name, string[] gated, string[] open)
        {
            if (gated.SequenceEqual(open))
            {
                return Array.Empty<string>();
            }

            var missing = open.Except(gated, StringComparer.Ordinal).Select(d => $"{name}: gates hide {d}");
            var extra = gated.Except(open, StringComparer.Ordinal).Select(d => $"{name}: only with gates {d}");
            return missing.Concat(extra).ToArray();
        }
    }
}
