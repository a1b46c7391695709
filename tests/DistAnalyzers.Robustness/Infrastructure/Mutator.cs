using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DistAnalyzers.Robustness.Infrastructure
{
    /// <summary>The ways a source is broken: what a half-typed edit, a bad merge or a fuzzer does to code.</summary>
    public enum MutationKind
    {
        TruncateAtToken,
        DeleteToken,
        DeleteLine,
        DuplicateLine,
        SwapIdentifiers,
        InsertUnmatchedBrace,
        ExtremeNumber,
    }

    /// <summary>One mutant: the broken text and how it was made (enough to reproduce it).</summary>
    public sealed class Mutant
    {
        public Mutant(CorpusSource origin, MutationKind kind, string description, string text)
        {
            Origin = origin;
            Kind = kind;
            Description = description;
            Text = text;
        }

        public CorpusSource Origin { get; }

        public MutationKind Kind { get; }

        public string Description { get; }

        public string Text { get; }

        public override string ToString() => $"{Origin.Name} [{Kind}: {Description}]";
    }

    /// <summary>
    /// Deterministic mutants of the corpus: the same seed and count give the same mutants on every machine
    /// (<see cref="Random"/> with a seed is stable across runs and platforms).
    /// </summary>
    public static class Mutator
    {
        public static readonly MutationKind[] Kinds = (MutationKind[])Enum.GetValues(typeof(MutationKind));

        /// <summary>Replacements for numeric literals: huge, negative, zero, overflowing.</summary>
        public static readonly string[] ExtremeNumbers =
        {
            "0", "-1", "-0", "0.0", "-2147483648", "2147483647", "4294967295", "-9223372036854775808", "9223372036854775807",
            "18446744073709551615", "99999999999999999999999999999", "1e308", "-1e308", "1e400", "0x7FFFFFFF", "-0.000000001", "2147483648",
        };

        /// <summary><paramref name="count"/> mutants, kinds taken in turn, sources and positions drawn from <paramref name="seed"/>.</summary>
        public static IReadOnlyList<Mutant> Generate(IReadOnlyList<CorpusSource> sources, int count, int seed)
        {
            var result = new List<Mutant>(count);
            if (sources.Count == 0)
            {
                return result;
            }

            var random = new Random(seed);
            var tokens = new Dictionary<CorpusSource, SyntaxToken[]>();
            for (var i = 0; i < count; i++)
            {
                var source = sources[random.Next(sources.Count)];
                if (!tokens.TryGetValue(source, out var list))
                {
                    list = CSharpSyntaxTree.ParseText(source.Text, Harness.ParseOptions).GetRoot()
                        .DescendantTokens(descendIntoTrivia: false)
                        .Where(t => !t.IsKind(SyntaxKind.EndOfFileToken) && t.Span.Length > 0)
                        .ToArray();
                    tokens[source] = list;
                }

                var kind = Kinds[i % Kinds.Length];
                result.Add(Mutate(source, list, kind, random));
            }

            return result;
        }

        public static Mutant Mutate(CorpusSource source, SyntaxToken[] tokens, MutationKind kind, Random random)
        {
            var text = source.Text;
            if (tokens.Length == 0)
            {
                return new Mutant(source, kind, "empty source: unchanged", text);
            }

            switch (kind)
            {
                case MutationKind.TruncateAtToken:
                {
                    var t = tokens[random.Next(tokens.Length)];
                    return new Mutant(source, kind, $"cut after '{Short(t.Text)}' at {t.Span.End}", text.Substring(0, t.Span.End));
                }

                case MutationKind.DeleteToken:
                {
                    var t = tokens[random.Next(tokens.Length)];
                    return new Mutant(source, kind, $"'{Short(t.Text)}' at {t.SpanStart}", text.Remove(t.SpanStart, t.Span.Length));
                }

                case MutationKind.DeleteLine:
                case MutationKind.DuplicateLine:
                {
                    var lines = text.Split('\n').ToList();
                    var n = random.Next(lines.Count);
                    var line = lines[n];
                    if (kind == MutationKind.DeleteLine)
                    {
                        lines.RemoveAt(n);
                    }
                    else
                    {
                        lines.Insert(n, line);
                    }

                    return new Mutant(source, kind, $"line {n + 1} '{Short(line.Trim())}'", string.Join("\n", lines));
                }

                case MutationKind.SwapIdentifiers:
                {
                    var ids = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToArray();
                    if (ids.Length < 2)
                    {
                        return Mutate(source, tokens, MutationKind.DeleteToken, random);
                    }

                    var a = ids[random.Next(ids.Length)];
                    var b = ids[random.Next(ids.Length)];
                    for (var attempt = 0; attempt < 8 && b.Text == a.Text; attempt++)
                    {
                        b = ids[random.Next(ids.Length)];
                    }

                    var (first, second) = a.SpanStart < b.SpanStart ? (a, b) : (b, a);
                    if (first.SpanStart == second.SpanStart)
                    {
                        return new Mutant(source, kind, "one identifier: unchanged", text);
                    }

                    var swapped = text.Substring(0, first.SpanStart) + second.Text
                        + text.Substring(first.Span.End, second.SpanStart - first.Span.End) + first.Text
                        + text.Substring(second.Span.End);
                    return new Mutant(source, kind, $"'{first.Text}'@{first.SpanStart} <-> '{second.Text}'@{second.SpanStart}", swapped);
                }

                case MutationKind.InsertUnmatchedBrace:
                {
                    var t = tokens[random.Next(tokens.Length)];
                    var brace = random.Next(4) switch { 0 => "{", 1 => "}", 2 => "(", _ => "[" };
                    var at = random.Next(2) == 0 ? t.SpanStart : t.Span.End;
                    return new Mutant(source, kind, $"'{brace}' at {at}", text.Insert(at, brace));
                }

                case MutationKind.ExtremeNumber:
                {
                    var numbers = tokens.Where(t => t.IsKind(SyntaxKind.NumericLiteralToken)).ToArray();
                    if (numbers.Length == 0)
                    {
                        return Mutate(source, tokens, MutationKind.SwapIdentifiers, random);
                    }

                    // Every numeric literal of the source at once, each to a drawn extreme: thresholds, sizes and
                    // timeouts all go out of range together.
                    var replaced = text;
                    var description = new List<string>();
                    for (var i = numbers.Length - 1; i >= 0; i--)
                    {
                        var value = ExtremeNumbers[random.Next(ExtremeNumbers.Length)];
                        replaced = replaced.Substring(0, numbers[i].SpanStart) + value + replaced.Substring(numbers[i].Span.End);
                        if (description.Count < 4)
                        {
                            description.Add($"{numbers[i].Text}->{value}");
                        }
                    }

                    return new Mutant(source, kind, string.Join(", ", description) + (numbers.Length > 4 ? ", …" : string.Empty), replaced);
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }

        private static string Short(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "…";
    }
}
