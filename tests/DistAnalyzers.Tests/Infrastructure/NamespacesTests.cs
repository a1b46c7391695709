using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class NamespacesTests
    {
        [Theory]
        [InlineData("System.TimeSpan", "System", true)]
        [InlineData("System.Threading.Timeout", "System.Threading", true)]
        [InlineData("System.Threading.Timeout", "System", false)]
        [InlineData("System.Threading.Timeout", "Threading", false)]
        [InlineData("System.Threading.Timeout", "System.Threading.Tasks", false)]
        [InlineData("System.Threading.Timeout", "", false)]
        [InlineData("System.Collections.Immutable.ImmutableArray`1", "System.Collections.Immutable", true)]
        [InlineData("System.Collections.Immutable.ImmutableArray`1", "Collections.Immutable", false)]
        [InlineData("System.Collections.Immutable.ImmutableArray`1", "Other.Collections.Immutable", false)]
        [InlineData("My.Sys.Clock", "My.Sys", true)]
        [InlineData("My.Sys.Clock", "My.System", false)]
        [InlineData("My.Sys.Clock", "My.Sy", false)]
        [InlineData("Global", "", true)]
        [InlineData("Global", "System", false)]
        public async Task Is_answers_as_the_display_string_compares(string typeName, string ns, bool expected)
        {
            var source = "namespace My.Sys { class Clock { } } class Global { }";
            var references = await AnalyzerRunner.ReferencesAsync();
            var compilation = CSharpCompilation.Create("N", new[] { CSharpSyntaxTree.ParseText(source) }, references);
            var type = compilation.GetTypeByMetadataName(typeName);
            Assert.NotNull(type);
            var display = type!.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
            Assert.Equal(expected, display == ns);
            Assert.Equal(expected, Namespaces.Is(type.ContainingNamespace, ns));
        }

        [Fact]
        public void Is_is_false_for_no_namespace() => Assert.False(Namespaces.Is(null, "System"));
    }
}
