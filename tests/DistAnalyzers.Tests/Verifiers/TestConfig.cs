using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Tests.Verifiers
{
    /// <summary>.editorconfig options made in a test: a set of keys and values, and a provider that gives each tree its own.</summary>
    internal static class TestConfig
    {
        /// <summary>One options object with <paramref name="entries"/> (keys compared as the compiler compares them).</summary>
        public static AnalyzerConfigOptions Options(params (string Key, string Value)[] entries) => new EntryOptions(entries);

        /// <summary>A provider that gives every tree (and the global options) <paramref name="options"/>.</summary>
        public static AnalyzerConfigOptionsProvider Provider(AnalyzerConfigOptions options) => new PerTreeProvider(_ => options);

        /// <summary>A provider that gives each tree the options <paramref name="options"/> picks (null: the global options).</summary>
        public static AnalyzerConfigOptionsProvider Provider(Func<SyntaxTree?, AnalyzerConfigOptions> options) => new PerTreeProvider(options);

        private sealed class PerTreeProvider : AnalyzerConfigOptionsProvider
        {
            private readonly Func<SyntaxTree?, AnalyzerConfigOptions> options;

            public PerTreeProvider(Func<SyntaxTree?, AnalyzerConfigOptions> options)
            {
                this.options = options;
            }

            public override AnalyzerConfigOptions GlobalOptions => options(null);

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => options(tree);

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => options(null);
        }

        private sealed class EntryOptions : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> values = new(KeyComparer);

            public EntryOptions((string Key, string Value)[] entries)
            {
                foreach (var (key, value) in entries)
                {
                    values[key] = value;
                }
            }

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
