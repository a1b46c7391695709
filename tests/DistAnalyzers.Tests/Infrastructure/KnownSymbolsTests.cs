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
            var library = await AnalyzerRunner.LibraryAsync("Lib", "namespace Grpc.Core { public class CallOptions { } }");
            var aliased = library.ToMetadataReference(aliases: ImmutableArrayOf("grpc"));
            var compilation = CSharpCompilation.Create("K", new[] { CSharpSyntaxTree.ParseText("class C { }") }, (await AnalyzerRunner.ReferencesAsync()).Append(aliased));
            foreach (var name in new[] { "Grpc.Core.CallOptions", "System.TimeSpan", "Grpc.Missing" })
            {
                Assert.True(SymbolEqualityComparer.Default.Equals(compilation.GetTypeByMetadataName(name), KnownSymbols.For(compilation).Get(name)), name);
            }
        }

        /// <summary>
        /// Compilations of the same references share the answers their own assemblies do not give: a compilation that
        /// declares a type of the same name gets its own (as GetTypeByMetadataName gives it), and never passes it on;
        /// another set of references (one more library, the same library under an alias) has answers of its own; a
        /// reference to another compilation is never shared.
        /// </summary>
        [Fact]
        public async Task Compilations_of_the_same_references_share_answers_but_not_their_own_types()
        {
            var references = (await AnalyzerRunner.ReferencesAsync()).ToList();
            CSharpCompilation Make(string source, params MetadataReference[] more) =>
                CSharpCompilation.Create("K", new[] { CSharpSyntaxTree.ParseText(source) }, references.Concat(more));
            void AnswersAsGetTypeByMetadataName(Compilation compilation)
            {
                foreach (var name in new[] { "System.TimeSpan", "ProtoBuf.ProtoContractAttribute", "Polly.Retry.RetryPolicy", "System.Net.IPEndPoint" })
                {
                    var expected = compilation.GetTypeByMetadataName(name);
                    Assert.True(SymbolEqualityComparer.Default.Equals(expected, KnownSymbols.For(compilation).Get(name)), name);
                }
            }

            var first = Make("class C { }");
            AnswersAsGetTypeByMetadataName(first);
            Assert.Null(KnownSymbols.For(first).Get("ProtoBuf.ProtoContractAttribute"));

            // Its own TimeSpan and RetryPolicy, not the shared answers (which it does not change).
            var own = Make("namespace System { public struct TimeSpan { } } namespace Polly.Retry { public class RetryPolicy { } }");
            AnswersAsGetTypeByMetadataName(own);
            Assert.Equal(TypeKind.Struct, KnownSymbols.For(own).Get("System.TimeSpan")!.TypeKind);
            Assert.True(KnownSymbols.For(own).Get("Polly.Retry.RetryPolicy")!.Locations[0].IsInSource);
            Assert.Same(KnownSymbols.ReferencedTypes.For(first), KnownSymbols.ReferencedTypes.For(own));

            var later = Make("class D { }");
            AnswersAsGetTypeByMetadataName(later);
            Assert.Null(KnownSymbols.For(later).Get("Polly.Retry.RetryPolicy"));
            Assert.Same(KnownSymbols.For(first).Get("System.TimeSpan"), KnownSymbols.For(later).Get("System.TimeSpan"));

            // One more library, then the same library under an alias: other sets, other answers.
            var library = await AnalyzerRunner.LibraryAsync("ProtoLib", "namespace ProtoBuf { public class ProtoContractAttribute : System.Attribute { } }");
            var image = AnalyzerRunner.ImageOf(library);
            var withLibrary = Make("class E { }", image);
            AnswersAsGetTypeByMetadataName(withLibrary);
            Assert.NotNull(KnownSymbols.For(withLibrary).Get("ProtoBuf.ProtoContractAttribute"));
            Assert.NotSame(KnownSymbols.ReferencedTypes.For(first), KnownSymbols.ReferencedTypes.For(withLibrary));

            var aliased = Make("class F { }", image.WithAliases(ImmutableArrayOf("proto")));
            AnswersAsGetTypeByMetadataName(aliased);
            Assert.NotSame(KnownSymbols.ReferencedTypes.For(withLibrary), KnownSymbols.ReferencedTypes.For(aliased));

            Assert.Null(KnownSymbols.ReferencedTypes.For(Make("class G { }", library.ToMetadataReference())));
        }

        private static System.Collections.Immutable.ImmutableArray<string> ImmutableArrayOf(params string[] items) => System.Collections.Immutable.ImmutableArray.Create(items);
    }
}
