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
        public const int DefaultMutants = 500;

        public const int DefaultSeed = 20261125;

        /// <summary>Sources (snippets) checked for determinism by default, besides the samples; scaled with the mutants.</summary>
        public const int DefaultDeterminismSources = 12;

        /// <summary>Test snippets whose fixes are applied, per diagnostic ID (the katas are always all fixed); scaled with the mutants.</summary>
        public const int DefaultFixSnippetsPerRule = 8;

        public static int Mutants { get; } = Read("DIST_ROBUSTNESS_MUTANTS", DefaultMutants);

        public static int Seed { get; } = Read("DIST_ROBUSTNESS_SEED", DefaultSeed);

        /// <summary>How much the defaults are scaled: <c>DIST_ROBUSTNESS_MUTANTS</c> over its default, at least 1.</summary>
        public static double Scale { get; } = Math.Max(1.0, (double)Mutants / DefaultMutants);

        public static int DeterminismSources { get; } = (int)Math.Ceiling(DefaultDeterminismSources * Scale);

        public static int FixSnippetsPerRule { get; } = (int)Math.Ceiling(DefaultFixSnippetsPerRule * Scale);

        /// <summary>Mutants whose fixes are applied.</summary>
        public static int FixedMutants { get; } = (int)Math.Ceiling(12 * Scale);

        /// <summary>Sources re-analyzed without references and without usings (a seeded sample; all of them when scaled up enough).</summary>
        public static int UnresolvedSources { get; } = (int)Math.Ceiling(160 * Scale);

        /// <summary>A seeded, order-preserving sample of at most <paramref name="count"/> items.</summary>
        public static System.Collections.Generic.IReadOnlyList<T> Sample<T>(System.Collections.Generic.IReadOnlyList<T> items, int count, int salt)
        {
            if (items.Count <= count)
            {
                return items;
            }

            var random = new Random(Seed + salt);
            var picked = new System.Collections.Generic.SortedSet<int>();
            while (picked.Count < count)
            {
                picked.Add(random.Next(items.Count));
            }

            var result = new T[count];
            var i = 0;
            foreach (var index in picked)
            {
                result[i++] = items[index];
            }

            return result;
        }

        private static int Read(string name, int fallback)
        {
            var text = Environment.GetEnvironmentVariable(name);
            return text is not null && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : fallback;
        }
    }
}
