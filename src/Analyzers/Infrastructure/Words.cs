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
        // Analyzers split names on every callback, so a split allocates nothing for up to eight words of a name
        // shorter than 65,536 characters: each word is packed as (start << 16 | length) into 32 bits of four
        // ulongs. Longer names keep (start, length) pairs in an array.
        private const int Inline = 8;
        private readonly ulong packed0;
        private readonly ulong packed1;
        private readonly ulong packed2;
        private readonly ulong packed3;
        private readonly int[]? spill;
        private readonly int count;
        private readonly string? text;

        private Words(string text, int count, ulong packed0, ulong packed1, ulong packed2, ulong packed3, int[]? spill)
        {
            this.text = text;
            this.count = count;
            this.packed0 = packed0;
            this.packed1 = packed1;
            this.packed2 = packed2;
            this.packed3 = packed3;
            this.spill = spill;
        }

        public string Text => text ?? string.Empty;

        public int Count => count;

        public string this[int index] => Text.Substring(StartOf(index), LengthOf(index));

        public static Words Split(string? identifier)
        {
            if (string.IsNullOrEmpty(identifier))
            {
                return default;
            }

            var text = identifier!;
            var builder = new Builder(text.Length > ushort.MaxValue);
            var start = -1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (!char.IsLetterOrDigit(c))
                {
                    if (start >= 0)
                    {
                        builder.Add(start, i - start);
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
                    builder.Add(start, i - start);
                    start = i;
                }
            }

            if (start >= 0)
            {
                builder.Add(start, text.Length - start);
            }

            return new Words(text, builder.Count, builder.P0, builder.P1, builder.P2, builder.P3, builder.Spill?.ToArray());
        }

        private int StartOf(int index) => spill is { } s ? s[2 * index] : (int)(Packed(index) >> 16);

        private int LengthOf(int index) => spill is { } s ? s[(2 * index) + 1] : (int)(Packed(index) & 0xFFFF);

        private uint Packed(int index)
        {
            if ((uint)index >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            var pair = (index >> 1) switch
            {
                0 => packed0,
                1 => packed1,
                2 => packed2,
                _ => packed3,
            };
            return (index & 1) == 0 ? (uint)pair : (uint)(pair >> 32);
        }

        /// <summary>Collects word spans inline; switches to a list past <see cref="Inline"/> words or for long text.</summary>
        private struct Builder
        {
            public ulong P0;
            public ulong P1;
            public ulong P2;
            public ulong P3;
            public List<int>? Spill;
            public int Count;

            public Builder(bool spill)
            {
                P0 = P1 = P2 = P3 = 0;
                Count = 0;
                Spill = spill ? new List<int>(8) : null;
            }

            public void Add(int start, int length)
            {
                if (Spill is null && Count == Inline)
                {
                    Spill = new List<int>(2 * (Inline + 4));
                    for (var i = 0; i < Inline; i++)
                    {
                        var pair = (i >> 1) switch { 0 => P0, 1 => P1, 2 => P2, _ => P3 };
                        var word = (i & 1) == 0 ? (uint)pair : (uint)(pair >> 32);
                        Spill.Add((int)(word >> 16));
                        Spill.Add((int)(word & 0xFFFF));
                    }
                }

                if (Spill is not null)
                {
                    Spill.Add(start);
                    Spill.Add(length);
                    Count++;
                    return;
                }

                var value = ((ulong)(uint)((start << 16) | length)) << ((Count & 1) * 32);
                switch (Count >> 1)
                {
                    case 0:
                        P0 |= value;
                        break;
                    case 1:
                        P1 |= value;
                        break;
                    case 2:
                        P2 |= value;
                        break;
                    default:
                        P3 |= value;
                        break;
                }

                Count++;
            }
        }

        /// <summary>Whether word <paramref name="index"/> is <paramref name="word"/> (case-insensitive),
        /// or, when <paramref name="plural"/> is set, its plural or singular.</summary>
        public bool WordIs(int index, string word, bool plural)
        {
            var s = StartOf(index);
            var n = LengthOf(index);
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
