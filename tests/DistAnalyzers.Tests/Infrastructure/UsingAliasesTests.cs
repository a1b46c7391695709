using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class UsingAliasesTests
    {
        /// <summary>
        /// The text pre-check lets every file that declares a using alias through (any spacing, a comment or a
        /// directive in the way, <c>global</c>, <c>unsafe</c>, an escaped name, an escape anywhere), and stops the files
        /// whose usings declare none.
        /// </summary>
        [Theory]
        [InlineData("using P = N.Prepare;", true)]
        [InlineData("global using P = N.Prepare;", true)]
        [InlineData("using unsafe P = int*;", true)]
        [InlineData("global using unsafe P = int*;", true)]
        [InlineData("using @P = N.Prepare;", true)]
        [InlineData("using P=N.Prepare;", true)]
        [InlineData("using\r\n    P\r\n    =\r\n    N.Prepare;", true)]
        [InlineData("using /* the message */ P = N.Prepare;", true)]
        [InlineData("using P /* the message */ = N.Prepare;", true)]
        [InlineData("using unsafe /* pointer */ P = int*;", true)]
        [InlineData("using\n#if DEBUG\nP = N.Prepare;\n#endif", true)]
        [InlineData("namespace M { using P = N.Prepare; }", true)]
        [InlineData("using System;\nnamespace M { class C { } }\nnamespace K { using Q = System.String; }", true)]
        [InlineData("using System; class C { string s = \"\\u0041\"; }", true)]
        [InlineData("using System;\nusing static System.Math;\nnamespace M;", false)]
        [InlineData("class C { void M() { using var stream = Open(); using (var other = Open()) { } } }", false)]
        [InlineData("class C { async void M() { await using var stream = Open(); } }", false)]
        [InlineData("class C { int usingP = 1; int @using = 2; int x = usings; }", false)]
        [InlineData("namespace Usings.Using { class Using { } }", false)]
        [InlineData("", false)]
        public void May_declare_alias(string source, bool expected)
        {
            var tree = CSharpSyntaxTree.ParseText(source);
            Assert.Equal(expected, UsingAliases.MayDeclareAlias(tree));
        }
    }
}
