using System;
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
    public sealed class ConstantEvaluatorTests
    {
        private const string Declarations = """
            using System;
            using System.Threading;
            static class K
            {
                public const int Base = 50;
                public static readonly int Twice = Base * 2;
                public static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(Base * 3);
                public static int Mutable = 7;
                public static readonly int FromCall = Environment.ProcessorCount;
            }
            """;

        [Theory]
        [InlineData("4", 4L)]
        [InlineData("2 * (3 + 4) - 1", 13L)]
        [InlineData("K.Base", 50L)]
        [InlineData("K.Twice + 1", 101L)]
        [InlineData("-K.Base", -50L)]
        [InlineData("(int)2.9", 2L)]
        [InlineData("7 % 4", 3L)]
        public async Task Integers(string expression, long expected)
        {
            var value = await EvaluateAsync(expression);
            Assert.Equal(ConstantKind.Integer, value.Kind);
            Assert.Equal(expected, value.Integer);
        }

        [Theory]
        [InlineData("TimeSpan.FromMilliseconds(150)", 150)]
        [InlineData("TimeSpan.FromSeconds(1.5)", 1500)]
        [InlineData("TimeSpan.FromMinutes(1)", 60000)]
        [InlineData("TimeSpan.FromSeconds(K.Base)", 50000)]
        [InlineData("new TimeSpan(0, 0, 2)", 2000)]
        [InlineData("new TimeSpan(10000)", 1)]
        [InlineData("TimeSpan.Zero", 0)]
        [InlineData("Timeout.InfiniteTimeSpan", -1)]
        [InlineData("K.Heartbeat", 150)]
        [InlineData("K.Heartbeat * 2", 300)]
        [InlineData("TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(5)", 1005)]
        public async Task Time_spans(string expression, double expectedMilliseconds)
        {
            var value = await EvaluateAsync(expression);
            Assert.Equal(ConstantKind.TimeSpan, value.Kind);
            Assert.Equal(expectedMilliseconds, value.Span.TotalMilliseconds);
        }

        [Theory]
        [InlineData("K.Mutable")]
        [InlineData("K.FromCall")]
        [InlineData("1 / 0")]
        [InlineData("Environment.TickCount")]
        [InlineData("TimeSpan.FromSeconds(K.Mutable)")]
        [InlineData("int.MaxValue * 2")]
        public async Task Unknown_values(string expression)
        {
            var value = await EvaluateAsync(expression);
            Assert.False(value.IsKnown);
        }

        [Fact]
        public async Task Deep_nesting_is_unknown_not_a_stack_overflow()
        {
            // static readonly operands are not compiler constants, so the evaluator walks the whole chain.
            var expression = string.Concat(Enumerable.Repeat("K.Twice + (", 500)) + "1" + new string(')', 500);
            var value = await EvaluateAsync(expression);
            Assert.False(value.IsKnown);
        }

        private static async Task<Constant> EvaluateAsync(string expression)
        {
            var source = Declarations + "\nclass Probe { object M() => " + expression + "; }";
            var references = await AnalyzerRunner.ReferencesAsync();
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12));
            var compilation = CSharpCompilation.Create("Probe", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var model = compilation.GetSemanticModel(tree);
            var arrow = tree.GetRoot().DescendantNodes().OfType<ArrowExpressionClauseSyntax>().Last();
            var operation = model.GetOperation(arrow.Expression);
            Assert.NotNull(operation);
            return ConstantEvaluator.Evaluate(operation);
        }
    }
}
