using System;
using System.IO;
using System.Linq;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Tests.Meta;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class SyntaxPositionsTests
    {
        /// <summary>Types in namespaces (block and file-scoped), nested types, attributes, a primary constructor, top-level statements, trivia, an enum, a delegate.</summary>
        private const string Source = @"// leading comment
using System;
using Alias = System.Collections.Generic.List<int>;
[assembly: System.Reflection.AssemblyTitle(""t"")]

var total = 0;
for (var i = 0; i < 3; i++) { total += i; }

namespace Outer
{
    /// <summary>doc</summary>
    [Serializable]
    public sealed class Node(int id) : IComparable<Node>
    {
        private readonly int[] values = { 1, 2, 3 };
        public int Id { get; } = id;
        public int CompareTo(Node? other) => Id.CompareTo(other?.Id ?? 0);
        private sealed class Inner
        {
            public event EventHandler? Changed;
            public void Raise() { Changed?.Invoke(this, EventArgs.Empty); /* trailing */ }
        }
    }

    public enum Mode { A, B = 2, C }

    public delegate int Combine(int a, int b);
}
// trailing comment at the end
";

        private const string FileScoped = @"namespace Fs;
public record Point(int X, int Y)
{
    public int Sum => X + Y;
}
#if DEBUG
class Hidden { }
#endif
";

        /// <summary>
        /// MemberAt answers, at every position of the file, what the member of the token there is
        /// (CodeRoots.MemberDeclarationOf of its parent), and TokenFinder answers FindToken, for positions in order,
        /// backwards and jumping, from the tree's root and from a subtree.
        /// </summary>
        [Theory]
        [InlineData(Source)]
        [InlineData(FileScoped)]
        [InlineData("")]
        [InlineData("class C { void M() { int x = ")]
        public void Answers_match_a_search_from_the_root(string source)
        {
            Check(CSharpSyntaxTree.ParseText(source));
        }

        /// <summary>The same over the katas, which hold every rule's shapes.</summary>
        [Fact]
        public void Answers_match_a_search_from_the_root_in_the_katas()
        {
            var directory = Path.Combine(Catalog.RepositoryRoot, "samples", "Katas");
            var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar)).ToArray();
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                Check(CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file));
            }
        }

        private static void Check(SyntaxTree tree)
        {
            var root = tree.GetRoot();
            var length = root.FullSpan.End;
            var forward = new TokenFinder(tree);
            for (var position = 0; position < length; position++)
            {
                var expected = root.FindToken(position);
                Assert.Equal(expected, forward.At(position));
                Assert.Same(CodeRoots.MemberDeclarationOf(expected.Parent!), SyntaxPositions.MemberAt(root, position));
            }

            Assert.Same(CodeRoots.MemberDeclarationOf(root.FindToken(length).Parent!), SyntaxPositions.MemberAt(root, length));

            var backward = new TokenFinder(root);
            for (var position = length - 1; position >= 0; position--)
            {
                Assert.Equal(root.FindToken(position), backward.At(position));
            }

            var jumping = new TokenFinder(root);
            for (var step = 0; step < 200 && length > 0; step++)
            {
                var position = (int)((step * 7919L) % length);
                Assert.Equal(root.FindToken(position), jumping.At(position));
            }

            foreach (var member in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>())
            {
                var inside = new TokenFinder(member);
                for (var position = member.FullSpan.Start; position < member.FullSpan.End; position++)
                {
                    Assert.Equal(member.FindToken(position), inside.At(position));
                }
            }
        }
    }
}
