using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class DeclaredSymbolsTests
    {
        private const string First = @"
using System.Threading.Tasks;
namespace N
{
    public interface IVoter { bool Grant(int term); int Size { get; } }
    public partial class Node : IVoter
    {
        public int Size => 3;
        int IVoter.Size => 4;
        public bool Grant(int term) => term > 0;
        bool IVoter.Grant(int term) => false;
        public bool Grant(long term) => term > 1;
        public T Echo<T>(T value) => value;
        public int @class() => 1;
        partial void Hook(int x);
        public partial int Half(int x);
        public partial string Label { get; }
        public int this[int i] => i;
        public Node() { }
        public static Node operator +(Node a, Node b) => a;
        public class Inner { public Task<int> RunAsync() => Task.FromResult(1); public int Size { get; set; } }
    }
    public struct S { public int Twice(int x) => x * 2; public int Value { get; init; } }
    public record R(int X) { public int Y => X; public override string ToString() => ""R""; }
    public class Dup { public void M() { } public void M() { } }
}
";

        private const string Second = @"
namespace N
{
    public partial class Node
    {
        partial void Hook(int x) { }
        public partial int Half(int x) => x / 2;
        public partial string Label => ""n"";
        public int Grant(string s) => 1;
    }
}
";

        /// <summary>
        /// DeclaredSymbols answers a method's or property's symbol from its type's members instead of asking the model:
        /// for every member declaration (overloads, explicit implementations, a generic method, an escaped name, the two
        /// parts of a partial method and property, an indexer, a constructor, an operator, a nested type's members, a
        /// struct's, a record's, a duplicate) the answer is GetDeclaredSymbol's, in a fresh compilation per order of asking.
        /// </summary>
        [Fact]
        public async Task Members_are_answered_as_GetDeclaredSymbol_does()
        {
            var references = await AnalyzerRunner.ReferencesAsync();
            foreach (var typesFirst in new[] { true, false })
            {
                var compilation = CSharpCompilation.Create(
                    "D",
                    new[] { CSharpSyntaxTree.ParseText(First, path: "First.cs"), CSharpSyntaxTree.ParseText(Second, path: "Second.cs") },
                    references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
                var asked = 0;
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var model = compilation.GetSemanticModel(tree);
                    var declarations = tree.GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>()
                        .OrderBy(d => d is BaseTypeDeclarationSyntax == typesFirst ? 0 : 1)
                        .ToArray();
                    foreach (var declaration in declarations)
                    {
                        var expected = model.GetDeclaredSymbol(declaration);
                        var actual = DeclaredSymbols.Of(model, declaration, default);
                        Assert.True(SymbolEqualityComparer.Default.Equals(expected, actual), $"{declaration.ToString().Split('\n')[0]}: {expected} != {actual}");
                        if (declaration is MethodDeclarationSyntax or PropertyDeclarationSyntax)
                        {
                            Assert.NotNull(actual);
                            asked++;
                        }
                    }
                }

                Assert.Equal(24, asked);
            }
        }
    }
}
