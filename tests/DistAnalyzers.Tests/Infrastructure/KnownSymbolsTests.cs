using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class KnownSymbolsTests
    {
        private const string Source = @"
namespace Polly.Retry { public class RetryPolicy { public class Inner { } } }
namespace Acme { public class Outer { public class Nested { } } }
public class Top { }
";

        /// <summary>
        /// KnownSymbols answers null without a search of every reference when a name's namespace is absent: for names
        /// present, absent, in a present namespace, nested, generic, global, and declared in source in a namespace no
        /// reference has, the answer must be GetTypeByMetadataName's.
        /// </summary>
        [Theory]
        [InlineData("System.TimeSpan")]
        [InlineData("System.Collections.Generic.List`1")]
        [InlineData("System.Collections.Generic.NoSuchType")]
        [InlineData("System.NoSuchNamespace.Type")]
        [InlineData("ProtoBuf.ProtoContractAttribute")]
        [InlineData("Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute")]
        [InlineData("Polly.Retry.RetryPolicy")]
        [InlineData("Polly.Retry.RetryPolicy+Inner")]
        [InlineData("Polly.CircuitBreaker.Policy")]
        [InlineData("Acme.Outer+Nested")]
        [InlineData("Acme.Missing+Nested")]
        [InlineData("Top")]
        [InlineData("Missing")]
        [InlineData(".Odd")]
        [InlineData("Odd.")]
        public async Task Get_answers_as_GetTypeByMetadataName(string metadataName)
        {
            var references = await AnalyzerRunner.ReferencesAsync();
            var compilation = CSharpCompilation.Create("K", new[] { CSharpSyntaxTree.ParseText(Source) }, references);
            var expected = compilation.GetTypeByMetadataName(metadataName);
            Assert.True(SymbolEqualityComparer.Default.Equals(expected, KnownSymbols.For(compilation).Get(metadataName)), metadataName);
        }

        /// <summary>
        /// A reference under an extern alias is not in the global namespace: there KnownSymbols asks GetTypeByMetadataName
        /// (which, with Roslyn 4.8, does not look into such a reference either) and answers as it does.
        /// </summary>
        [Fact]
        public async Task Types_of_a_reference_under_an_extern_alias_are_answered_as_GetTypeByMetadataName_does()
        {
            var library = CSharpCompilation.Create(
                "Lib",
                new[] { CSharpSyntaxTree.ParseText("namespace Grpc.Core { public class CallOptions { } }") },
                await AnalyzerRunner.ReferencesAsync(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var aliased = library.ToMetadataReference(aliases: ImmutableArrayOf("grpc"));
            var compilation = CSharpCompilation.Create("K", new[] { CSharpSyntaxTree.ParseText("class C { }") }, (await AnalyzerRunner.ReferencesAsync()).Append(aliased));
            foreach (var name in new[] { "Grpc.Core.CallOptions", "System.TimeSpan", "Grpc.Missing" })
            {
                Assert.True(SymbolEqualityComparer.Default.Equals(compilation.GetTypeByMetadataName(name), KnownSymbols.For(compilation).Get(name)), name);
            }
        }

        private static System.Collections.Immutable.ImmutableArray<string> ImmutableArrayOf(params string[] items) => System.Collections.Immutable.ImmutableArray.Create(items);
    }
}
