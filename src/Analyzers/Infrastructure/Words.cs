using System;
using System.Collections.Generic;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// An identifier split into words (RULES.md, "Words in names"): at case changes, at the end of an
    /// acronym (<c>LWWRegister</c> = LWW|Register), at letter/digit changes (<c>Phase1</c> = Phase|1) and at
    /// <c>_</c>, <c>-</c>, <c>.</c> and any other character that is not a letter or digit.
    /// Words are slices of the original text; comparisons are ordinal and case-insensitive.
    /// </summary>
    public readonly struct Words
    {
        private readonly int[]? starts;
        private readonly int[]? lengths;

        private Words(string text, int[] starts, int[] lengths)
        {
            Text = text;
            this.starts = starts;
            this.lengths = lengths;
        }

        public string Text { get; }

        public int Count => starts?.Length ?? 0;

        public string this[int index] => Text.Substring(starts![index], lengths![index]);

        public static Words Split(string? identifier)
        {
            if (string.IsNullOrEmpty(identifier))
            {
                return new Words(string.Empty, Array.Empty<int>(), Array.Empty<int>());
            }

            var text = identifier!;
            var starts = new List<int>(4);
            var lengths = new List<int>(4);
            var start = -1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (!char.IsLetterOrDigit(c))
                {
                    if (start >= 0)
                    {
                        starts.Add(start);
                        lengths.Add(i - start);
                        start = -1;
                    }

                    continue;
                }

                if (start < 0)
                {
                    start = i;
                    continue;
                }

                var prev = text[i - 1];
                var boundary =
                    (char.IsDigit(c) != char.IsDigit(prev)) ||
                    (char.IsUpper(c) && char.IsLower(prev)) ||
                    (char.IsUpper(c) && char.IsUpper(prev) && i + 1 < text.Length && char.IsLower(text[i + 1]));
                if (boundary)
                {
                    starts.Add(start);
                    lengths.Add(i - start);
                    start = i;
                }
            }

            if (start >= 0)
            {
                starts.Add(start);
                lengths.Add(text.Length - start);
            }

            return new Words(text, starts.ToArray(), lengths.ToArray());
        }

        /// <summary>Whether word <paramref name="index"/> is <paramref name="word"/> (case-insensitive),
        /// or, when <paramref name="plural"/> is set, its plural or singular.</summary>
        public bool WordIs(int index, string word, bool plural)
        {
            var s = starts![index];
            var n = lengths![index];
            if (n == word.Length && string.Compare(Text, s, word, 0, n, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }

            if (!plural)
            {
                return false;
            }

            // name word = listed word + s / es ; listed y -> ies
            if (n == word.Length + 1 && EndsWithChar(s, n, 's') && Prefix(s, word, word.Length))
            {
                return true;
            }

            if (n == word.Length + 2 && EndsWith(s, n, "es") && Prefix(s, word, word.Length))
            {
                return true;
            }

            if (word.Length > 1 && n == word.Length + 2 && (word[word.Length - 1] == 'y' || word[word.Length - 1] == 'Y')
                && EndsWith(s, n, "ies") && Prefix(s, word, word.Length - 1))
            {
                return true;
            }

            // listed plural -> name singular
            if (word.Length == n + 1 && (word[n] == 's' || word[n] == 'S') && Prefix(s, word, n))
            {
                return true;
            }

            if (word.Length == n + 2 && word.EndsWith("es", StringComparison.OrdinalIgnoreCase) && Prefix(s, word, n))
            {
                return true;
            }

            if (n > 1 && word.Length == n + 2 && word.EndsWith("ies", StringComparison.OrdinalIgnoreCase)
                && (Text[s + n - 1] == 'y' || Text[s + n - 1] == 'Y') && Prefix(s, word, n - 1))
            {
                return true;
            }

            return false;
        }

        /// <summary>Whether the last word is <c>Async</c>.</summary>
        public bool EndsWithAsync => Count > 1 && WordIs(Count - 1, "Async", plural: false);

        private bool Prefix(int s, string word, int length) =>
            length <= word.Length && string.Compare(Text, s, word, 0, length, StringComparison.OrdinalIgnoreCase) == 0;

        private bool EndsWithChar(int s, int n, char c) => char.ToLowerInvariant(Text[s + n - 1]) == c;

        private bool EndsWith(int s, int n, string suffix) =>
            n >= suffix.Length && string.Compare(Text, s + n - suffix.Length, suffix, 0, suffix.Length, StringComparison.OrdinalIgnoreCase) == 0;

        public override string ToString() => string.Join("|", ToArray());

        public string[] ToArray()
        {
            var result = new string[Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = this[i];
            }

            return result;
        }
    }
}
