using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// A tree's source text as one string, for the text pre-checks (<see cref="TreeGate"/>, DIST301's array-size
    /// names, DIST204's <c>CancelAfter</c> scan): read once per tree and shared by every rule for as long as the tree
    /// lives, instead of one copy per rule; with its opacity, and the places of the tokens the rules search for, all
    /// found in one pass per tree (<see cref="Occurrences"/>).
    /// </summary>
    public static class SourceTexts
    {
        private static readonly ConditionalWeakTable<SyntaxTree, Entry> Entries = new ConditionalWeakTable<SyntaxTree, Entry>();
        private static readonly ConditionalWeakTable<SyntaxTree, Entry>.CreateValueCallback Read = tree => new Entry(tree);

        /// <summary>The whole text of <paramref name="tree"/>.</summary>
        public static string Of(SyntaxTree tree) => Entries.GetValue(tree, Read).Text;

        /// <summary>
        /// Whether an identifier in <paramref name="tree"/> may be named differently from how its text spells it, so
        /// that no text pre-check may rule anything out: the text holds a <c>\u</c>/<c>\U</c> escape (which spells a
        /// character by its code) or a Unicode formatting character (category Cf, e.g. a soft hyphen or a zero-width
        /// joiner, which the compiler drops from an identifier's name), or could not be read.
        /// </summary>
        public static bool IsOpaque(SyntaxTree tree) => Entries.GetValue(tree, Read).Opaque;

        /// <summary>
        /// The text lower-cased, when it is all ASCII (then an ASCII stem's case-insensitive occurrences are its
        /// lower-cased form's ordinal ones); null otherwise. Made once per tree, on first use: only a token searched on
        /// its own (<see cref="Occurrences"/>) needs it.
        /// </summary>
        public static string? LowerAscii(SyntaxTree tree) => Entries.GetValue(tree, Read).LowerAscii;

        /// <summary>Whether every character of <paramref name="tree"/>'s text is ASCII (then its lower-cased searches apply).</summary>
        public static bool IsAscii(SyntaxTree tree) => Entries.GetValue(tree, Read).Ascii;

        /// <summary>
        /// Every place <paramref name="token"/> is written in <paramref name="tree"/>'s text, in order: ordinal, or, when
        /// <paramref name="lowered"/>, an ASCII lower-case stem in the text lower-cased (none unless <see cref="IsAscii(SyntaxTree)"/>,
        /// which callers check). The first search in a tree finds every token the process has been asked for so far in
        /// one pass (<see cref="TokenAutomaton"/>); a token new to the process is searched on its own and found in that
        /// pass from the next tree on. Shared: several rules' gates, and several entries of one word list, look for the
        /// same stems (<c>timeout</c>, <c>election</c>, <c>catch</c>, <c>TickCount</c>).
        /// </summary>
        internal static Places Occurrences(SyntaxTree tree, string token, bool lowered) => Entries.GetValue(tree, Read).Occurrences(token, lowered);

        /// <summary>
        /// <paramref name="tree"/>'s text with its opacity, ASCII-ness and searches, for a caller that asks several
        /// questions of one tree (a gate's anchors): one table look-up instead of one per question.
        /// </summary>
        internal static Entry EntryOf(SyntaxTree tree) => Entries.GetValue(tree, Read);

        /// <summary>
        /// Whether the part of <paramref name="text"/> holds <c>\u</c> or <c>\U</c>: in an identifier, a Unicode escape,
        /// which spells a name differently from its text (elsewhere harmless), so a text pre-check must let it pass.
        /// </summary>
        public static bool HasUnicodeEscape(string text, int start, int length) =>
            text.IndexOf("\\u", start, length, StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", start, length, StringComparison.Ordinal) >= 0;

        /// <summary>
        /// Whether <paramref name="c"/> may be part of an identifier, for the text pre-checks: an ASCII letter, digit or
        /// underscore, or any character beyond ASCII (a wider run only lets more pass).
        /// </summary>
        internal static bool IsIdentifierChar(char c) =>
            c >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        /// <summary>The first position from <paramref name="i"/> on that is not white space (the text's length: none).</summary>
        internal static int SkipWhiteSpace(string text, int i)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>Whether every character of <paramref name="text"/> is ASCII (vectorised: a UTF-8 byte count).</summary>
        internal static bool IsAscii(string text) => Encoding.UTF8.GetByteCount(text) == text.Length;

        /// <summary>Whether <paramref name="text"/> holds a Unicode formatting character (the ASCII test is vectorised; only non-ASCII text is walked).</summary>
        internal static bool HasFormattingCharacter(string text)
        {
            if (IsAscii(text))
            {
                return false;
            }

            foreach (var c in text)
            {
                if (c >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A tree's text, read once, and the searches made in it (<see cref="EntryOf"/>).</summary>
        internal sealed class Entry
        {
            public Entry(SyntaxTree tree)
            {
                try
                {
                    Text = tree.GetText().ToString();
                    Ascii = IsAscii(Text);
                    Opaque = HasUnicodeEscape(Text, 0, Text.Length) || (!Ascii && HasFormattingCharacter(Text));
                }
                catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is NotSupportedException || ex is DecoderFallbackException)
                {
                    Text = string.Empty;
                    Opaque = true;
                }
            }

            public string Text { get; }

            public bool Opaque { get; }

            /// <summary>Whether every character of <see cref="Text"/> is ASCII (then lower-casing it changes only A-Z).</summary>
            public bool Ascii { get; }

            public string? LowerAscii
            {
                get
                {
                    if (lower is null)
                    {
                        // Racing threads compute the same string: either copy may win.
                        lower = Ascii ? Text.ToLowerInvariant() : string.Empty;
                    }

                    return lower.Length == Text.Length ? lower : null;
                }
            }

            private string? lower;

            /// <summary>
            /// <see cref="UsingAliases.MayDeclareAlias"/>'s answer for this text (0: not yet asked, 1: no, 2: yes), kept
            /// with the text: two rules ask it of every file, one of them twice. Racing threads store the same answer.
            /// </summary>
            internal int AliasForm;

            /// <summary>
            /// The places of every token known to the process when this text had its one pass (<see cref="KnownTokens"/>),
            /// by the token's slot in that pass's search; null before the pass.
            /// </summary>
            private ScanResult? scan;

            /// <summary>1 once a thread has started this text's one pass.</summary>
            private int scanned;

            /// <summary>The slots of <see cref="GateAnswers"/>: more than the gates one compilation's rules make (22 on the benchmark).</summary>
            internal const int GateAnswerSlots = 32;

            private object?[]? gateAnswers;

            /// <summary>The rules' gate answers for this text, by each gate's slot (<see cref="TreeGate"/>); made on first use.</summary>
            internal object?[] GateAnswers() =>
                Volatile.Read(ref gateAnswers)
                ?? Interlocked.CompareExchange(ref gateAnswers, new object?[GateAnswerSlots], null)
                ?? gateAnswers!;

            /// <summary>
            /// Tokens searched one by one (new to the process, or asked while another thread made the pass), ordinal and
            /// lowered. Read without a lock (both analyser threads ask for the same tree's tokens at once: a lock here was
            /// contended); racing threads may search the same token, either result wins.
            /// </summary>
            private ConcurrentDictionary<string, int[]>? ordinal;
            private ConcurrentDictionary<string, int[]>? lowerCase;

            public Places Occurrences(string token, bool lowered)
            {
                if (token.Length == 0 || (lowered && !Ascii))
                {
                    return default;
                }

                var result = Volatile.Read(ref scan);
                int slot;
                if (result is not null && (slot = result.Search.SlotOf(token, lowered)) >= 0)
                {
                    return result.Places(slot);
                }

                // Read without making the table: a tree's first question comes before its one pass, and most trees
                // never search a token alone.
                if (Volatile.Read(ref lowered ? ref lowerCase : ref ordinal) is { } searched && searched.TryGetValue(token, out var positions))
                {
                    return new Places(positions);
                }

                // The first search in this text finds, in one pass, every token any tree has been searched for so far
                // (the rules ask every tree for the same tokens); a token new to the process is searched alone, and
                // kept for the trees after.
                var current = KnownTokens.Current;
                if (current.Contains(token, lowered))
                {
                    if (result is null && Interlocked.Exchange(ref scanned, 1) == 0)
                    {
                        result = new ScanResult(current.Search, Text, Ascii);
                        Volatile.Write(ref scan, result);
                        if ((slot = result.Search.SlotOf(token, lowered)) >= 0)
                        {
                            return result.Places(slot);
                        }
                    }
                }
                else
                {
                    KnownTokens.Add(token, lowered);
                }

                var text = lowered ? LowerAscii! : Text;
                List<int>? found = null;
                for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + 1, StringComparison.Ordinal))
                {
                    (found ??= new List<int>(16)).Add(at);
                }

                return new Places(Searched(lowered).GetOrAdd(token, found?.ToArray() ?? Array.Empty<int>()));
            }

            private ConcurrentDictionary<string, int[]> Searched(bool lowered)
            {
                ref var slot = ref lowered ? ref lowerCase : ref ordinal;
                return Volatile.Read(ref slot)
                    ?? Interlocked.CompareExchange(ref slot, new ConcurrentDictionary<string, int[]>(2, 7, StringComparer.Ordinal), null)
                    ?? slot!;
            }
        }

        /// <summary>
        /// One text's pass for every known token, of both kinds, ignoring ASCII case (no lower-cased copy of the text is
        /// made): a lowered token's places are its pattern's (in ASCII text; none otherwise, where it is never asked);
        /// an ordinal token's are those of them where the text spells it exactly. Kept for the patterns found only (a
        /// file writes a few of the searched patterns): a bit per pattern, and one array of their places grouped in pattern
        /// order, so a file costs neither an entry per pattern or token nor an array per pattern found.
        /// </summary>
        private sealed class ScanResult
        {
            /// <summary>Whether each pattern was found, a bit per pattern.</summary>
            private readonly ulong[] present;

            /// <summary>The places of the patterns found, grouped in pattern order.</summary>
            private readonly int[] places;

            /// <summary>Where each found pattern's group starts in <see cref="places"/>, by its rank among those found, and the end.</summary>
            private readonly int[] starts;

            /// <summary>The ordinal slots whose token the text spells in another case at some of its pattern's places, with the exact ones.</summary>
            private readonly int[]? spelt;
            private readonly int[][]? speltPlaces;
            private readonly int speltCount;

            private readonly bool ascii;

            /// <summary>The thread's array for the counts per pattern, kept between scans (emptied after each).</summary>
            [ThreadStatic]
            private static int[]? countsBuffer;

            public ScanResult(TokenSearch search, string text, bool ascii)
            {
                Search = search;
                this.ascii = ascii;
                var automaton = search.Automaton;
                var patterns = automaton.TokenCount;
                var counts = countsBuffer is { } kept && kept.Length >= patterns ? kept : new int[patterns];
                countsBuffer = null;
                places = automaton.ScanGrouped(text, counts);
                present = new ulong[(patterns + 63) / 64];
                var found = 0;
                for (var i = 0; i < patterns; i++)
                {
                    if (counts[i] > 0)
                    {
                        present[i >> 6] |= 1UL << (i & 63);
                        found++;
                    }
                }

                starts = new int[found + 1];
                var rank = 0;
                var start = 0;
                for (var i = 0; i < patterns; i++)
                {
                    if (counts[i] == 0)
                    {
                        continue;
                    }

                    starts[rank++] = start;
                    var group = new Places(places, start, counts[i]);
                    start += counts[i];
                    counts[i] = 0;
                    foreach (var (slot, lowered, token) in search.Users[i])
                    {
                        if (!lowered && SpeltExactly(text, group, token) is { } exact)
                        {
                            if (speltCount == (spelt?.Length ?? 0))
                            {
                                Array.Resize(ref spelt, Math.Max(4, speltCount * 2));
                                Array.Resize(ref speltPlaces, spelt.Length);
                            }

                            spelt![speltCount] = slot;
                            speltPlaces![speltCount++] = exact;
                        }
                    }
                }

                starts[rank] = start;
                countsBuffer = counts;
            }

            public TokenSearch Search { get; }

            /// <summary>The places of the token in <paramref name="slot"/> of <see cref="Search"/>.</summary>
            public Places Places(int slot)
            {
                var pattern = Search.PatternOf(slot);
                var word = pattern >> 6;
                var bit = 1UL << (pattern & 63);
                if ((present[word] & bit) == 0 || (Search.IsLowered(slot) && !ascii))
                {
                    return default;
                }

                if (speltCount > 0 && !Search.IsLowered(slot))
                {
                    for (var i = 0; i < speltCount; i++)
                    {
                        if (spelt![i] == slot)
                        {
                            return new Places(speltPlaces![i]);
                        }
                    }
                }

                var rank = PopCount(present[word] & (bit - 1));
                for (var w = 0; w < word; w++)
                {
                    rank += PopCount(present[w]);
                }

                return new Places(places, starts[rank], starts[rank + 1] - starts[rank]);
            }

            private static int PopCount(ulong value)
            {
                value -= (value >> 1) & 0x5555555555555555UL;
                value = (value & 0x3333333333333333UL) + ((value >> 2) & 0x3333333333333333UL);
                value = (value + (value >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
                return (int)((value * 0x0101010101010101UL) >> 56);
            }

            /// <summary>
            /// The places where <paramref name="text"/> spells <paramref name="token"/> exactly, of the places found
            /// ignoring ASCII case; null when every one does.
            /// </summary>
            private static int[]? SpeltExactly(string text, Places places, string token)
            {
                var exact = 0;
                foreach (var at in places)
                {
                    if (string.CompareOrdinal(text, at, token, 0, token.Length) == 0)
                    {
                        exact++;
                    }
                }

                if (exact == places.Length)
                {
                    return null;
                }

                var spelt = exact == 0 ? Array.Empty<int>() : new int[exact];
                var k = 0;
                foreach (var at in places)
                {
                    if (k < exact && string.CompareOrdinal(text, at, token, 0, token.Length) == 0)
                    {
                        spelt[k++] = at;
                    }
                }

                return spelt;
            }
        }

        /// <summary>
        /// The tokens searched in any tree so far in this process (at most <see cref="MostTokens"/> of each kind, ASCII
        /// only), with the automaton that finds them all in one pass. Only a speed hint: a tree's answer for a token is
        /// the same whether it came from the automaton or from a search of its own.
        /// </summary>
        private sealed class KnownTokens
        {
            private const int MostTokens = 256;

            private static KnownTokens current = new KnownTokens(Array.Empty<string>(), Array.Empty<string>());

            private readonly string[] ordinal;
            private readonly string[] lowerCase;
            private readonly HashSet<string> ordinalSet;
            private readonly HashSet<string> lowerCaseSet;
            private TokenSearch? search;

            private KnownTokens(string[] ordinal, string[] lowerCase)
            {
                this.ordinal = ordinal;
                this.lowerCase = lowerCase;
                ordinalSet = new HashSet<string>(ordinal, StringComparer.Ordinal);
                lowerCaseSet = new HashSet<string>(lowerCase, StringComparer.Ordinal);
            }

            public static KnownTokens Current => Volatile.Read(ref current);

            /// <summary>The automaton for these tokens, built on first use (racing threads build the same one).</summary>
            public TokenSearch Search => search ??= new TokenSearch(ordinal, lowerCase);

            public bool Contains(string token, bool lowered) => (lowered ? lowerCaseSet : ordinalSet).Contains(token);

            /// <summary>Adds <paramref name="token"/> for the trees searched from now on, unless it cannot be or its kind is full.</summary>
            public static void Add(string token, bool lowered)
            {
                if (!TokenAutomaton.CanSearch(token) || (lowered && HasUpperCase(token)))
                {
                    return;
                }

                while (true)
                {
                    var known = Current;
                    var tokens = lowered ? known.lowerCase : known.ordinal;
                    if (tokens.Length >= MostTokens || known.Contains(token, lowered))
                    {
                        return;
                    }

                    var more = new string[tokens.Length + 1];
                    tokens.CopyTo(more, 0);
                    more[more.Length - 1] = token;
                    var next = lowered ? new KnownTokens(known.ordinal, more) : new KnownTokens(more, known.lowerCase);
                    if (ReferenceEquals(Interlocked.CompareExchange(ref current, next, known), known))
                    {
                        return;
                    }
                }
            }

            private static bool HasUpperCase(string token)
            {
                foreach (var c in token)
                {
                    if (c >= 'A' && c <= 'Z')
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// One automaton for the known tokens of both kinds, ignoring ASCII case: each pattern is a token lower-cased,
        /// with the tokens it stands for (an ordinal <c>Now</c> and a lowered <c>now</c> share one), each token with its
        /// slot: ordinal tokens first, then lowered ones.
        /// </summary>
        private sealed class TokenSearch
        {
            private readonly Dictionary<string, int> ordinalSlots = new Dictionary<string, int>(StringComparer.Ordinal);
            private readonly Dictionary<string, int> lowerCaseSlots = new Dictionary<string, int>(StringComparer.Ordinal);

            public TokenSearch(string[] ordinal, string[] lowerCase)
            {
                var patterns = new Dictionary<string, List<(int Slot, bool Lowered, string Token)>>(StringComparer.Ordinal);
                foreach (var token in ordinal)
                {
                    ordinalSlots.Add(token, Slots);
                    Use(token.ToLowerInvariant(), (Slots++, false, token));
                }

                foreach (var token in lowerCase)
                {
                    lowerCaseSlots.Add(token, Slots);
                    Use(token, (Slots++, true, token));
                }

                var texts = new string[patterns.Count];
                Users = new List<(int Slot, bool Lowered, string Token)>[patterns.Count];
                firstLowered = ordinal.Length;
                patternOf = new int[Slots];
                var i = 0;
                foreach (var pair in patterns)
                {
                    texts[i] = pair.Key;
                    Users[i] = pair.Value;
                    foreach (var user in pair.Value)
                    {
                        patternOf[user.Slot] = i;
                    }

                    i++;
                }

                Automaton = TokenAutomaton.Build(texts, ignoreAsciiCase: true);

                void Use(string pattern, (int, bool, string) user)
                {
                    if (!patterns.TryGetValue(pattern, out var users))
                    {
                        patterns.Add(pattern, users = new List<(int, bool, string)>(1));
                    }

                    users.Add(user);
                }
            }

            public TokenAutomaton Automaton { get; }

            /// <summary>The tokens each pattern of <see cref="Automaton"/> stands for: slot, kind, token.</summary>
            public List<(int Slot, bool Lowered, string Token)>[] Users { get; }

            public int Slots { get; }

            /// <summary>The pattern of each slot's token.</summary>
            private readonly int[] patternOf;

            /// <summary>The first slot of a lowered token (ordinal tokens come first).</summary>
            private readonly int firstLowered;

            public int PatternOf(int slot) => patternOf[slot];

            public bool IsLowered(int slot) => slot >= firstLowered;

            /// <summary>
            /// The last answers of <see cref="SlotOf"/>, by the token's object: the gates ask every tree for the same
            /// string objects (literals, the stems of the options' word lists), and comparing references costs less than
            /// hashing and comparing the text. Entries are replaced whole (racing threads may each write theirs). Room for
            /// several times the tokens a search holds: two tokens that share an entry push each other out in every tree,
            /// with an entry made each time (with 256 entries, about ten were made per tree of the benchmark).
            /// </summary>
            private const int RecentSlots = 2048;

            private readonly KnownSlot?[] recent = new KnownSlot?[RecentSlots];

            /// <summary>The slot of <paramref name="token"/> of its kind, or -1 when this search does not hold it.</summary>
            public int SlotOf(string token, bool lowered)
            {
                var index = (RuntimeHelpers.GetHashCode(token) ^ (lowered ? 1 : 0)) & (RecentSlots - 1);
                var known = recent[index];
                if (known is not null && ReferenceEquals(known.Token, token) && known.Lowered == lowered)
                {
                    return known.Slot;
                }

                var slot = (lowered ? lowerCaseSlots : ordinalSlots).TryGetValue(token, out var found) ? found : -1;
                recent[index] = new KnownSlot(token, lowered, slot);
                return slot;
            }

            private sealed class KnownSlot
            {
                public KnownSlot(string token, bool lowered, int slot)
                {
                    Token = token;
                    Lowered = lowered;
                    Slot = slot;
                }

                public string Token { get; }

                public bool Lowered { get; }

                public int Slot { get; }
            }
        }
    }

    /// <summary>
    /// Where a token is written in a file: a part of an array shared with other tokens' places (only read), in order.
    /// The default value holds none.
    /// </summary>
    internal readonly struct Places : IReadOnlyList<int>
    {
        private readonly int[]? items;
        private readonly int start;

        public Places(int[] items)
            : this(items, 0, items.Length)
        {
        }

        public Places(int[] items, int start, int length)
        {
            this.items = items;
            this.start = start;
            Length = length;
        }

        public int Length { get; }

        int IReadOnlyCollection<int>.Count => Length;

        public int this[int index] => (uint)index < (uint)Length ? items![start + index] : throw new ArgumentOutOfRangeException(nameof(index));

        /// <summary>The places in an array of their own.</summary>
        public int[] ToArray()
        {
            if (Length == 0)
            {
                return Array.Empty<int>();
            }

            var copy = new int[Length];
            Array.Copy(items!, start, copy, 0, Length);
            return copy;
        }

        /// <summary>Whether <paramref name="other"/> is these places of the same array (not a copy).</summary>
        public bool IsSameAs(Places other) => ReferenceEquals(items, other.items) && start == other.start && Length == other.Length;

        public Enumerator GetEnumerator() => new Enumerator(this);

        IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Enumerates without allocating (a <c>foreach</c> over the struct itself).</summary>
        public struct Enumerator : IEnumerator<int>
        {
            private readonly int[]? items;
            private readonly int end;
            private int index;

            internal Enumerator(Places places)
            {
                items = places.items;
                index = places.start - 1;
                end = places.start + places.Length;
            }

            public readonly int Current => items![index];

            readonly object System.Collections.IEnumerator.Current => Current;

            public bool MoveNext() => ++index < end;

            public void Reset() => throw new NotSupportedException();

            public readonly void Dispose()
            {
            }
        }
    }
}
