using System;
using System.Globalization;

namespace DistAnalyzers.Robustness.Infrastructure
{
    /// <summary>
    /// How much work the randomized checks do. The defaults keep the project well under a minute on two cores;
    /// <c>DIST_ROBUSTNESS_MUTANTS</c> raises the number of mutants and <c>DIST_ROBUSTNESS_SEED</c> picks another
    /// deterministic sequence, for a long local run:
    /// <c>DIST_ROBUSTNESS_MUTANTS=20000 dotnet test tests/DistAnalyzers.Robustness</c>.
    /// </summary>
    public static class Budget
    {
        public const int DefaultMutants = 600;

        public const int DefaultSeed = 20261125;

        /// <summary>Sources (snippets) checked for determinism by default, besides the samples; scaled with the mutants.</summary>
        public const int DefaultDeterminismSources = 24;

        public static int Mutants { get; } = Read("DIST_ROBUSTNESS_MUTANTS", DefaultMutants);

        public static int Seed { get; } = Read("DIST_ROBUSTNESS_SEED", DefaultSeed);

        public static int DeterminismSources { get; } = Math.Max(DefaultDeterminismSources, (int)((long)DefaultDeterminismSources * Mutants / DefaultMutants));

        private static int Read(string name, int fallback)
        {
            var text = Environment.GetEnvironmentVariable(name);
            return text is not null && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : fallback;
        }
    }
}
