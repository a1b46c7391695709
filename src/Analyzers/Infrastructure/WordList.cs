using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>How a name must hold a pattern's words (RULES.md, "Words in names").</summary>
    public enum WordMatch
    {
        /// <summary>The pattern's words appear in the name contiguously and in order.</summary>
        Carries,

        /// <summary>The pattern's words are the name's first words.</summary>
        StartsWith,

        /// <summary>The pattern's words are the name's last words.</summary>
        EndsWith,

        /// <summary>The pattern's words are exactly the name's words.</summary>
        Named,

        /// <summary>The name ends with the pattern once a trailing <c>Async</c> is removed.</summary>
        NamedLike,
    }

    /// <summary>
    /// One entry of a word list: <c>ClusterSize</c> (words Cluster, Size), <c>A+B</c> (both, any order; for
    /// <see cref="WordMatch.EndsWith"/> the name carries A and ends with B), or <c>P*</c> (always "starts with P").
    /// </summary>
    public sealed class WordPattern
    {
        private readonly string[] stems;

        private WordPattern(string text, string[] words, WordPattern? second, bool prefix)
        {
            Text = text;
            WordsOfPattern = words;
            Second = second;
            IsPrefix = prefix;
            var stems = new List<string>(words.Length + (second?.stems.Length ?? 0));
            foreach (var word in words)
            {
                var stem = Stem(word);
                if (stem.Length > 0)
                {
                    stems.Add(stem);
                }
            }

            if (second is not null)
            {
                stems.AddRange(second.stems);
            }

            this.stems = stems.ToArray();
            LowerStems = new string?[this.stems.Length];
            for (var i = 0; i < this.stems.Length; i++)
            {
                LowerStems[i] = SourceTexts.IsAscii(this.stems[i]) ? this.stems[i].ToLowerInvariant() : null;
            }
        }

        /// <summary>
        /// A cheap necessary condition, tested on the raw text before any split: every word of the pattern must
        /// occur in a matching name, in some number (RULES.md plural/singular variants), so the part that all of
        /// its variants share must be a substring of the name.
        /// </summary>
        public bool MayMatch(string text)
        {
            foreach (var stem in stems)
            {
                if (text.IndexOf(stem, StringComparison.OrdinalIgnoreCase) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <see cref="MayMatch(string)"/> on a part of a longer text (<paramref name="length"/> characters from
        /// <paramref name="start"/>), e.g. a declaration's span in its file: false means no name written there matches.
        /// </summary>
        public bool MayMatch(string text, int start, int length)
        {
            foreach (var stem in stems)
            {
                if (text.IndexOf(stem, start, length, StringComparison.OrdinalIgnoreCase) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The part of <paramref name="word"/> that every form <see cref="Words.WordIs"/> accepts contains.</summary>
        internal static string Stem(string word)
        {
            // WordIs accepts: word; word+s; word+es; word[..^1]+ies (word ends in y); word[..^1] (word ends in s);
            // word[..^2] (ends in es); word[..^3]+y (ends in ies).
            if (word.EndsWith("ies", StringComparison.OrdinalIgnoreCase))
            {
                return word.Substring(0, word.Length - 3);
            }

            if (word.EndsWith("es", StringComparison.OrdinalIgnoreCase))
            {
                return word.Substring(0, word.Length - 2);
            }

            if (word.EndsWith("s", StringComparison.OrdinalIgnoreCase) || word.EndsWith("y", StringComparison.OrdinalIgnoreCase))
            {
                return word.Substring(0, word.Length - 1);
            }

            return word;
        }

        public string Text { get; }

        /// <summary>The substrings <see cref="MayMatch(string)"/> requires (shared with <see cref="WordList"/>).</summary>
        internal string[] Stems => stems;

        /// <summary>
        /// Each of <see cref="Stems"/> lower-cased when it is ASCII (null otherwise): in ASCII text lower-cased, an
        /// ASCII stem's case-insensitive occurrences are its lower-cased form's ordinal ones (SourceTexts.Occurrences).
        /// </summary>
        internal string?[] LowerStems { get; }

        public IReadOnlyList<string> WordsOfPattern { get; }

        /// <summary>For an <c>A+B</c> entry, the B part.</summary>
        public WordPattern? Second { get; }

        public bool IsPrefix { get; }

        public static WordPattern? Parse(string entry)
        {
            var text = entry.Trim();
            if (text.Length == 0)
            {
                return null;
            }

            var prefix = false;
            if (text.EndsWith("*", StringComparison.Ordinal))
            {
                prefix = true;
                text = text.Substring(0, text.Length - 1).Trim();
            }

            var plus = text.IndexOf('+');
            if (plus > 0 && plus < text.Length - 1)
            {
                var first = Parse(text.Substring(0, plus));
                var second = Parse(text.Substring(plus + 1));
                if (first is null || second is null)
                {
                    return null;
                }

                return new WordPattern(entry.Trim(), (string[])first.WordsOfPattern, second, prefix);
            }

            var words = Words.Split(text).ToArray();
            return words.Length == 0 ? null : new WordPattern(entry.Trim(), words, null, prefix);
        }

        /// <summary>Whether <paramref name="name"/> matches this entry in the given way.</summary>
        /// <param name="exactNumber">When set, the name's last word must match the pattern's last word in the
        /// number written (no plural/singular variants); other words still match either number.</param>
        public bool Matches(in Words name, WordMatch match, bool exactNumber = false)
        {
            if (!MayMatch(name.Text))
            {
                return false;
            }

            if (IsPrefix)
            {
                match = WordMatch.StartsWith;
            }

            if (Second is not null)
            {
                switch (match)
                {
                    case WordMatch.EndsWith:
                    case WordMatch.NamedLike:
                        return Find(name, WordsOfPattern, WordMatch.Carries, false) && Second.Matches(name, match, exactNumber);
                    case WordMatch.StartsWith:
                        return Find(name, WordsOfPattern, WordMatch.StartsWith, false) && Second.Matches(name, WordMatch.Carries, false);
                    default:
                        return Find(name, WordsOfPattern, WordMatch.Carries, false) && Second.Matches(name, WordMatch.Carries, false);
                }
            }

            return Find(name, WordsOfPattern, match, exactNumber);
        }

        private static bool Find(in Words name, IReadOnlyList<string> pattern, WordMatch match, bool exactNumber)
        {
            var count = name.Count;
            if (match == WordMatch.NamedLike && name.EndsWithAsync)
            {
                count--;
            }

            var n = pattern.Count;
            if (n == 0 || count < n)
            {
                return false;
            }

            switch (match)
            {
                case WordMatch.StartsWith:
                    return At(name, pattern, 0, count, exactNumber);
                case WordMatch.EndsWith:
                case WordMatch.NamedLike:
                    return At(name, pattern, count - n, count, exactNumber);
                case WordMatch.Named:
                    return count == n && At(name, pattern, 0, count, exactNumber);
                default:
                    for (var i = 0; i + n <= count; i++)
                    {
                        if (At(name, pattern, i, count, exactNumber))
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }

        private static bool At(in Words name, IReadOnlyList<string> pattern, int offset, int count, bool exactNumber)
        {
            for (var j = 0; j < pattern.Count; j++)
            {
                var index = offset + j;
                var last = index == count - 1;
                if (!name.WordIs(index, pattern[j], plural: !(exactNumber && last)))
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString() => Text;
    }

    /// <summary>A comma-separated list of <see cref="WordPattern"/> entries (an option's <c>…_words</c> value).</summary>
    public sealed class WordList
    {
        private static readonly ConcurrentDictionary<string, WordList> ParseCache = new ConcurrentDictionary<string, WordList>(StringComparer.Ordinal);

        // For MayMatch on a span: every distinct stem of the entries (compared ignoring case), and each entry's stems
        // as indexes into it, so that a long text is searched at most once per distinct stem.
        private readonly string[] spanStems;
        private readonly int[][] spanStemIndexes;

        private WordList(ImmutableArray<WordPattern> entries, string text)
        {
            Entries = entries;
            Text = text;
            var distinct = new List<string>();
            spanStemIndexes = new int[entries.Length][];
            for (var e = 0; e < entries.Length; e++)
            {
                var stems = entries[e].Stems;
                var indexes = new int[stems.Length];
                for (var i = 0; i < stems.Length; i++)
                {
                    var k = distinct.FindIndex(d => string.Equals(d, stems[i], StringComparison.OrdinalIgnoreCase));
                    if (k < 0)
                    {
                        distinct.Add(stems[i]);
                        k = distinct.Count - 1;
                    }

                    indexes[i] = k;
                }

                spanStemIndexes[e] = indexes;
            }

            spanStems = distinct.ToArray();
            entryLetters = new ulong[entries.Length];
            entryPairs = new ulong[entries.Length];
            for (var e = 0; e < entries.Length; e++)
            {
                foreach (var stem in entries[e].Stems)
                {
                    entryPairs[e] |= LettersAndPairsOf(stem, 0, stem.Length, out var letters);
                    entryLetters[e] |= letters;
                }
            }
        }

        /// <summary>For each entry, the neighbouring pairs of characters its stems hold (<see cref="LettersAndPairsOf"/>).</summary>
        private readonly ulong[] entryPairs;

        /// <summary>For each entry, the letters, digits and underscore its stems hold (<see cref="LettersAndPairsOf"/>).</summary>
        private readonly ulong[] entryLetters;

        /// <summary>Names up to this length are first tested on their letters and pairs (<see cref="MayMatch(string, int, int)"/>).</summary>
        private const int LetterTestLength = 64;

        /// <summary>
        /// In one pass over the part of <paramref name="text"/>: one bit per ASCII letter (either case), digit and
        /// underscore it holds (<paramref name="letters"/>), and, returned, one of 64 bits for each pair of
        /// neighbouring characters, ASCII letters compared lower-cased. Every bit of both is set when the part holds
        /// a character beyond ASCII: such a name passes every test, and such a stem (whose pairs ignoring case are no
        /// ASCII pairs) can only be held by such a name. A stem written in a name ignoring case puts each of its
        /// letters and pairs in the name; the pairs are the finer test (the letters of Dead are in most names, its
        /// pairs de, ea and ad together in few).
        /// </summary>
        private static ulong LettersAndPairsOf(string text, int start, int length, out ulong letters)
        {
            ulong pairs = 0;
            letters = 0;
            var previous = -1;
            for (var i = start; i < start + length; i++)
            {
                int c = text[i];
                if (c >= 'a' && c <= 'z')
                {
                    letters |= 1UL << (c - 'a');
                }
                else if (c >= 'A' && c <= 'Z')
                {
                    letters |= 1UL << (c - 'A');
                    c += 'a' - 'A';
                }
                else if (c >= '0' && c <= '9')
                {
                    letters |= 1UL << (26 + c - '0');
                }
                else if (c == '_')
                {
                    letters |= 1UL << 36;
                }
                else if (c >= 0x80)
                {
                    letters = ulong.MaxValue;
                    return ulong.MaxValue;
                }

                if (previous >= 0)
                {
                    pairs |= 1UL << (((previous * 31) + c) & 63);
                }

                previous = c;
            }

            return pairs;
        }

        public static WordList Empty { get; } = new WordList(ImmutableArray<WordPattern>.Empty, string.Empty);

        public ImmutableArray<WordPattern> Entries { get; }

        public string Text { get; }

        public bool IsEmpty => Entries.IsEmpty;

        /// <summary>Parses a comma-separated list; results are cached by text.</summary>
        public static WordList Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return Empty;
            }

            return ParseCache.GetOrAdd(text!, static t =>
            {
                var builder = ImmutableArray.CreateBuilder<WordPattern>();
                foreach (var part in t.Split(','))
                {
                    var pattern = WordPattern.Parse(part);
                    if (pattern is not null)
                    {
                        builder.Add(pattern);
                    }
                }

                return new WordList(builder.ToImmutable(), t);
            });
        }

        /// <summary>The first entry that <paramref name="name"/> matches, or null.</summary>
        public WordPattern? Match(in Words name, WordMatch match, bool exactNumber = false)
        {
            if (name.Count == 0)
            {
                return null;
            }

            foreach (var entry in Entries)
            {
                if (entry.Matches(name, match, exactNumber))
                {
                    return entry;
                }
            }

            return null;
        }

        public bool Matches(in Words name, WordMatch match, bool exactNumber = false) => Match(name, match, exactNumber) is not null;

        public bool Matches(string? name, WordMatch match, bool exactNumber = false) =>
            !string.IsNullOrEmpty(name) && MayMatch(name!) && Matches(Words.Split(name), match, exactNumber);

        /// <summary>
        /// Whether some entry could match <paramref name="name"/> (<see cref="WordPattern.MayMatch"/>): false means
        /// no entry matches in any way, without splitting the name.
        /// </summary>
        public bool MayMatch(string name) => name is not null && MayMatch(name, 0, name.Length);

        /// <summary>
        /// <see cref="MayMatch(string)"/> on a part of a longer text (<see cref="WordPattern.MayMatch(string, int, int)"/>):
        /// false means no name written in that part matches any entry in any way.
        /// </summary>
        public bool MayMatch(string text, int start, int length)
        {
            if (spanStems.Length > 64)
            {
                foreach (var entry in Entries)
                {
                    if (entry.MayMatch(text, start, length))
                    {
                        return true;
                    }
                }

                return false;
            }

            // A name (short) is first tested on its letters and pairs: an entry needs every letter and every
            // neighbouring pair of its stems, which most names lack, and a name's letters and pairs cost one pass
            // where each stem's search costs one.
            var letters = ulong.MaxValue;
            var pairs = length <= LetterTestLength ? LettersAndPairsOf(text, start, length, out letters) : ulong.MaxValue;

            // The same answer as testing each entry, but each distinct stem is searched for at most once.
            ulong tested = 0;
            ulong found = 0;
            for (var e = 0; e < spanStemIndexes.Length; e++)
            {
                if ((entryLetters[e] & ~letters) != 0 || (entryPairs[e] & ~pairs) != 0)
                {
                    continue;
                }

                var indexes = spanStemIndexes[e];
                var all = true;
                foreach (var k in indexes)
                {
                    var bit = 1UL << k;
                    if ((tested & bit) == 0)
                    {
                        tested |= bit;
                        if (text.IndexOf(spanStems[k], start, length, StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            found |= bit;
                        }
                    }

                    if ((found & bit) == 0)
                    {
                        all = false;
                        break;
                    }
                }

                if (all)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The first test of <see cref="MayMatch(string)"/> alone: whether some entry's stems use only letters, and only
        /// pairs of neighbouring characters, that <paramref name="name"/> holds (<see cref="LettersAndPairsOf"/>).
        /// False means no entry matches; one pass over the name's characters, cheaper than a look-up of the name in a
        /// memo of <see cref="MayMatch(string)"/>, which it can precede.
        /// </summary>
        public bool LettersAllow(string name)
        {
            if (spanStems.Length > 64 || name.Length > LetterTestLength)
            {
                return true;
            }

            var pairs = LettersAndPairsOf(name, 0, name.Length, out var letters);
            for (var e = 0; e < entryLetters.Length; e++)
            {
                if ((entryLetters[e] & ~letters) == 0 && (entryPairs[e] & ~pairs) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        public bool CarriedBy(string? name) => Matches(name, WordMatch.Carries);

        /// <summary><see cref="CarriedBy"/> as a delegate, made once per list (a method group would allocate one per use).</summary>
        internal Func<string, bool> CarriedByTest => carriedByTest ??= name => CarriedBy(name);

        private Func<string, bool>? carriedByTest;

        public bool EndOf(string? name) => Matches(name, WordMatch.EndsWith);

        public bool StartOf(string? name) => Matches(name, WordMatch.StartsWith);

        public override string ToString() => Text;

        /// <summary>Whether two lists are written alike (then they accept the same names), the same object or not.</summary>
        public static bool SameText(WordList a, WordList b) => ReferenceEquals(a, b) || string.Equals(a.Text, b.Text, StringComparison.Ordinal);
    }
}
