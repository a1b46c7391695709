using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DistAnalyzers.Robustness.Infrastructure
{
    /// <summary>One C# source of the repository: a kata file, or a snippet taken out of a test file.</summary>
    public sealed class CorpusSource
    {
        public CorpusSource(string name, string text, string? project)
        {
            Name = name;
            Text = text;
            Project = project;
        }

        /// <summary>Where it comes from: <c>samples/Katas/Consensus/DIST301_X.cs</c> or <c>tests/…/DIST301Tests.cs#3</c>.</summary>
        public string Name { get; }

        public string Text { get; }

        /// <summary>For sample files, the sample project (files of one project compile together); null for snippets.</summary>
        public string? Project { get; }

        public bool IsSample => Project is not null;

        public override string ToString() => Name;
    }

    /// <summary>
    /// Every C# source the repository has: <c>samples/**/*.cs</c>, and the C# snippets of the tests (raw, verbatim and
    /// code-like regular string literals in <c>tests/DistAnalyzers.Tests/**/*.cs</c>, with the test markup stripped).
    /// Read at run time, so a new test or kata is checked without editing this project.
    /// </summary>
    public static class Corpus
    {
        private static readonly Lazy<IReadOnlyList<CorpusSource>> LazySamples = new(LoadSamples);
        private static readonly Lazy<IReadOnlyList<CorpusSource>> LazySnippets = new(LoadSnippets);

        private static readonly Regex CodeWord = new(@"\b(class|struct|record|interface|enum|namespace|using|void|return|var|partial|static|new)\b", RegexOptions.Compiled);
        private static readonly Regex MarkupOpen = new(@"\{\|[^:{}|\s]+:", RegexOptions.Compiled);

        public static IReadOnlyList<CorpusSource> Samples => LazySamples.Value;

        public static IReadOnlyList<CorpusSource> Snippets => LazySnippets.Value;

        /// <summary>Samples first, then snippets, in a stable order.</summary>
        public static IReadOnlyList<CorpusSource> All => Samples.Concat(Snippets).ToArray();

        public static string RepositoryRoot { get; } = FindRoot();

        /// <summary>Removes <c>{|ID:…|}</c>, <c>{|#0:…|}</c> and <c>[|…|]</c> markup, keeping the marked text.</summary>
        public static string StripMarkup(string text)
        {
            text = MarkupOpen.Replace(text, string.Empty);
            return text.Replace("|}", string.Empty).Replace("[|", string.Empty).Replace("|]", string.Empty);
        }

        /// <summary>Whether a string literal's value reads as C# code (not an .editorconfig, a word list or a message).</summary>
        public static bool LooksLikeCSharp(string value)
        {
            if (value.Length < 12 || value.Contains("dist_analyzers.") || value.Contains("dotnet_diagnostic") || value.TrimStart().StartsWith("[*", StringComparison.Ordinal) || value.Contains("root = true"))
            {
                return false;
            }

            return value.IndexOfAny(new[] { ';', '{', '}' }) >= 0 && CodeWord.IsMatch(value);
        }

        /// <summary>The C# snippets of one test file's text, markup stripped, in source order.</summary>
        public static IEnumerable<string> ExtractSnippets(string testFileText)
        {
            var root = CSharpSyntaxTree.ParseText(testFileText, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot();
            foreach (var token in root.DescendantTokens())
            {
                string value;
                switch (token.Kind())
                {
                    case SyntaxKind.SingleLineRawStringLiteralToken:
                    case SyntaxKind.MultiLineRawStringLiteralToken:
                    case SyntaxKind.StringLiteralToken:
                        value = token.ValueText;
                        break;
                    default:
                        continue;
                }

                if (LooksLikeCSharp(value))
                {
                    yield return StripMarkup(value);
                }
            }
        }

        private static IReadOnlyList<CorpusSource> LoadSamples()
        {
            var samples = Path.Combine(RepositoryRoot, "samples");
            if (!Directory.Exists(samples))
            {
                return Array.Empty<CorpusSource>();
            }

            var result = new List<CorpusSource>();
            foreach (var file in SourceFiles(samples))
            {
                var relative = Relative(file);
                var parts = relative.Split('/');
                var project = parts.Length > 2 ? parts[1] : "samples";
                result.Add(new CorpusSource(relative, File.ReadAllText(file), project));
            }

            return result;
        }

        private static IReadOnlyList<CorpusSource> LoadSnippets()
        {
            var tests = Path.Combine(RepositoryRoot, "tests", "DistAnalyzers.Tests");
            var result = new List<CorpusSource>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (!Directory.Exists(tests))
            {
                return result;
            }

            foreach (var file in SourceFiles(tests))
            {
                var index = 0;
                foreach (var snippet in ExtractSnippets(File.ReadAllText(file)))
                {
                    if (seen.Add(snippet))
                    {
                        result.Add(new CorpusSource(Relative(file) + "#" + index, snippet, null));
                    }

                    index++;
                }
            }

            return result;
        }

        private static IEnumerable<string> SourceFiles(string directory) => Directory
            .EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .OrderBy(f => f, StringComparer.Ordinal);

        private static bool IsBuildOutput(string path)
        {
            var p = path.Replace('\\', '/');
            return p.Contains("/bin/") || p.Contains("/obj/");
        }

        private static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/');

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DistAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("DistAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
