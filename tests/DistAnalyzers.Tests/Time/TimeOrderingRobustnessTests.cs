using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Tests.Meta;
using DistAnalyzers.Tests.Verifiers;
using DistAnalyzers.Time;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DistAnalyzers.Tests.Time
{
    /// <summary>DIST102–DIST104 on every prefix (every few characters) of their katas: the text an IDE analyses while the kata is typed.</summary>
    public sealed class TimeOrderingRobustnessTests
    {
        [Theory]
        [InlineData("DIST102_LastWriteWinsByWallClock.cs")]
        [InlineData("DIST103_CausalityFromLamportTimestamps.cs")]
        [InlineData("DIST104_VectorClockTotalOrder.cs")]
        public async Task Half_typed_katas_do_not_crash(string file)
        {
            var text = Catalog.ReadRepositoryFile(Path.Combine("samples", "Katas", "Time", file))
                + Catalog.ReadRepositoryFile(Path.Combine("samples", "Katas.Repaired", "Time", file));
            var prefixes = new List<string>();
            for (var end = 0; end <= text.Length; end += 61)
            {
                prefixes.Add(text.Substring(0, end));
            }

            var analyzers = new DiagnosticAnalyzer[]
            {
                new LastWriteWinsByWallClockAnalyzer(), new CausalityFromLamportTimestampsAnalyzer(), new VectorClockTotalOrderAnalyzer(),
            };
            foreach (var batch in prefixes.Select((p, i) => (p, i)).GroupBy(x => x.i / 40))
            {
                var result = await AnalyzerRunner.RunAsync(analyzers, batch.Select(x => x.p).ToArray());
                Assert.True(result.Exceptions.Length == 0, string.Join("\n", result.Exceptions.Select(e => e.ToString())));
            }
        }
    }
}
