using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class TypesWithFieldTests
    {
        /// <summary>
        /// Source: every enum that declares the member, however it is written (an escaped name, white space beyond ASCII
        /// before it, a nested enum, a file that spells the member by an escape); not a namespace, a comment, a string, a
        /// longer name, another member kind or a class's field. References: every type of an assembly image or of a
        /// referenced compilation that declares such a field (a superset: a class's field counts there), without its
        /// generic arity.
        /// </summary>
        [Fact]
        public async Task Finds_every_enum_declaring_the_member_in_source_and_references()
        {
            var references = await AnalyzerRunner.ReferencesAsync();
            var image = await AnalyzerRunner.ImageAsync("Image", "namespace Img { public enum Relation { Before, Concurrent } public class Box<T> { public enum Kind { Concurrent } } public class Flags { public static bool Concurrent; } public class Gen<T> { public static int Concurrent; } public enum Plain { Before } }");
            var project = await AnalyzerRunner.LibraryAsync("Project", "namespace Proj { public enum Mode { Serial, Concurrent } }");

            var compilation = CSharpCompilation.Create(
                "Main",
                new[]
                {
                    CSharpSyntaxTree.ParseText("using System.Collections.Concurrent; // Concurrent\nenum Escaped { @Concurrent }\nenum Spaced {\u00A0Concurrent }\nclass Outer { public enum Inner { Before, Concurrent = 3 } }"),
                    CSharpSyntaxTree.ParseText("enum Opaque { Con\\u0063urrent }"),
                    CSharpSyntaxTree.ParseText("class C { bool Concurrent; void IsConcurrent() { var s = \"Concurrent\"; } }\nenum Other { IsConcurrent, ConcurrentWith }\nenum Several { Concurrent, Serial }"),
                },
                references.Add(image).Add(project.ToMetadataReference()),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            var names = TypesWithField.NamesIn(compilation, "Concurrent", CancellationToken.None);

            Assert.NotNull(names);
            Assert.Equal(
                new[] { "Escaped", "Flags", "Gen", "Inner", "Kind", "Mode", "Opaque", "Relation", "Several", "Spaced" },
                names!.OrderBy(n => n, System.StringComparer.Ordinal).ToArray());
        }

        /// <summary>A compilation that declares and references no such type: none (the rule's file walk is skipped).</summary>
        [Fact]
        public async Task Finds_none_where_no_type_declares_the_member()
        {
            var compilation = CSharpCompilation.Create(
                "Main",
                new[] { CSharpSyntaxTree.ParseText("using System.Collections.Concurrent;\nenum Status { Pending, Active }\nclass C { bool IsConcurrent() => false; }") },
                await AnalyzerRunner.ReferencesAsync(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            Assert.Empty(TypesWithField.NamesIn(compilation, "Concurrent", CancellationToken.None)!);
        }
    }
}
