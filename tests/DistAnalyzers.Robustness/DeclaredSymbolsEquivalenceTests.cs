using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Robustness.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace DistAnalyzers.Robustness
{
    /// <summary>
    /// <see cref="DeclaredSymbols"/> finds a method's or property's symbol among its type's members instead of asking the
    /// semantic model; on every sample and snippet its answer for every member declaration must be the model's.
    /// </summary>
    public sealed class DeclaredSymbolsEquivalenceTests
    {
        private readonly ITestOutputHelper output;

        public DeclaredSymbolsEquivalenceTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task Every_member_declaration_gets_the_models_symbol()
        {
            var probes = await Baseline.AllAsync();
            var results = await Harness.ParallelAsync(probes, probe => Task.Run(() =>
            {
                // A clone: a compilation of its own, so no answer the analyzers' run left in the table is reused.
                var compilation = probe.Result.Compilation.Clone();
                var checkedCount = 0;
                var problems = new System.Collections.Generic.List<string>();
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var model = compilation.GetSemanticModel(tree);
                    var reference = compilation.GetSemanticModel(tree);
                    foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>())
                    {
                        var expected = reference.GetDeclaredSymbol(declaration);
                        var actual = DeclaredSymbols.Of(model, declaration, default);
                        if (!SymbolEqualityComparer.Default.Equals(expected, actual))
                        {
                            problems.Add($"{probe.Name}: {declaration.ToString().Split('\n')[0].Trim()}: {expected?.ToDisplayString() ?? "null"} != {actual?.ToDisplayString() ?? "null"}");
                        }

                        if (declaration is MethodDeclarationSyntax or PropertyDeclarationSyntax)
                        {
                            checkedCount++;
                        }
                    }
                }

                return (Count: checkedCount, Problems: problems);
            }));

            var all = results.SelectMany(r => r.Problems).ToArray();
            Assert.True(all.Length == 0, string.Join("\n", all.Take(20)));
            var methods = results.Sum(r => r.Count);
            Assert.True(methods > 1000, $"only {methods} method and property declarations were compared");
            output.WriteLine($"{probes.Count} inputs, {methods} method and property declarations, each given the model's symbol");
        }
    }
}
