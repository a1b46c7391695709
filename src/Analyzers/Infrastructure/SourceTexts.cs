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
    /// lives, instead of one copy per rule; with its opacity and lower-cased form.
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
        /// lower-cased form's ordinal ones, a much faster search); null otherwise. Made once per tree, on first use.
        /// </summary>
        public static string? LowerAscii(SyntaxTree tree) => Entries.GetValue(tree, Read).LowerAscii;

        /// <summary>
        /// Every place <paramref name="token"/> is written in <paramref name="tree"/>'s text, in order: ordinal, or, when
        /// <paramref name="lowered"/>, an ASCII lower-case stem in <see cref="LowerAscii"/> (callers check it is not
        /// null). Searched once per tree and token, and shared: several rules' gates, and several entries of one word
        /// list, look for the same stems (<c>timeout</c>, <c>election</c>, <c>catch</c>, <c>TickCount</c>).
        /// </summary>
        internal static int[] Occurrences(SyntaxTree tree, string token, bool lowered) => Entries.GetValue(tree, Read).Occurrences(token, lowered);

        /// <summary>
        /// Whether the part of <paramref name="text"/> holds <c>\u</c> or <c>\U</c>: in an identifier, a Unicode escape,
        /// which spells a name differently from its text (elsewhere harmless), so a text pre-check must let it pass.
        /// </summary>
        public static bool HasUnicodeEscape(string text, int start, int length) =>
            text.IndexOf("\\u", start, length, StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", start, length, StringComparison.Ordinal) >= 0;

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

        private sealed class Entry
        {
            public Entry(SyntaxTree tree)
            {
                try
                {
                    Text = tree.GetText().ToString();
                    Opaque = HasUnicodeEscape(Text, 0, Text.Length) || HasFormattingCharacter(Text);
                }
                catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is NotSupportedException || ex is DecoderFallbackException)
                {
                    Text = string.Empty;
                    Opaque = true;
                }
            }

            public string Text { get; }

            public bool Opaque { get; }

            public string? LowerAscii
            {
                get
                {
                    if (lower is null)
                    {
                        // Racing threads compute the same string: either copy may win.
                        lower = IsAscii(Text) ? Text.ToLowerInvariant() : string.Empty;
                    }

                    return lower.Length == Text.Length ? lower : null;
                }
            }

            private string? lower;

            /// <summary>
            /// Searched tokens, ordinal and lowered. Read without a lock (both analyser threads ask for the same tree's
            /// tokens at once: a lock here was contended); racing threads may search the same token, either result wins.
            /// </summary>
            private ConcurrentDictionary<string, int[]>? ordinal;
            private ConcurrentDictionary<string, int[]>? lowerCase;

            /// <summary>1 once this text has had its one pass for every token known then (<see cref="KnownTokens"/>).</summary>
            private int scanned;

            public int[] Occurrences(string token, bool lowered)
            {
                var text = lowered ? LowerAscii : Text;
                if (text is null || token.Length == 0)
                {
                    return Array.Empty<int>();
                }

                var known = Searched(lowered);
                if (known.TryGetValue(token, out var positions))
                {
                    return positions;
                }

                // The first search in this text finds, in one pass, every token any tree has been searched for so far
                // (the rules ask every tree for the same tokens); a token new to the process is searched alone, and
                // kept for the trees after.
                if (KnownTokens.Of(lowered).Contains(token))
                {
                    if (Interlocked.Exchange(ref scanned, 1) == 0)
                    {
                        ScanKnownTokens();
                        if (known.TryGetValue(token, out positions))
                        {
                            return positions;
                        }
                    }
                }
                else
                {
                    KnownTokens.Add(token, lowered);
                }

                List<int>? found = null;
                for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + 1, StringComparison.Ordinal))
                {
                    (found ??= new List<int>(16)).Add(at);
                }

                return known.GetOrAdd(token, found?.ToArray() ?? Array.Empty<int>());
            }

            private ConcurrentDictionary<string, int[]> Searched(bool lowered)
            {
                ref var slot = ref lowered ? ref lowerCase : ref ordinal;
                return Volatile.Read(ref slot)
                    ?? Interlocked.CompareExchange(ref slot, new ConcurrentDictionary<string, int[]>(2, 31, StringComparer.Ordinal), null)
                    ?? slot!;
            }

            /// <summary>Finds every known token of both kinds in one loop over the text and its lower-cased form (ordinal only in non-ASCII text).</summary>
            private void ScanKnownTokens()
            {
                var ordinalTokens = KnownTokens.Of(lowered: false).Automaton;
                var lowerTokens = KnownTokens.Of(lowered: true).Automaton;
                if (LowerAscii is { } lowerText)
                {
                    var (inText, inLowerText) = TokenAutomaton.Scan(ordinalTokens, Text, lowerTokens, lowerText);
                    Keep(Searched(lowered: false), ordinalTokens, inText);
                    Keep(Searched(lowered: true), lowerTokens, inLowerText);
                }
                else
                {
                    Keep(Searched(lowered: false), ordinalTokens, ordinalTokens.Scan(Text));
                }

                static void Keep(ConcurrentDictionary<string, int[]> known, TokenAutomaton automaton, List<int>?[] found)
                {
                    for (var i = 0; i < found.Length; i++)
                    {
                        known.TryAdd(automaton.Tokens[i], found[i]?.ToArray() ?? Array.Empty<int>());
                    }
                }
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

            private static KnownTokens ordinal = new KnownTokens(Array.Empty<string>());
            private static KnownTokens lowerCase = new KnownTokens(Array.Empty<string>());

            private readonly HashSet<string> set;
            private readonly string[] tokens;
            private TokenAutomaton? automaton;

            private KnownTokens(string[] tokens)
            {
                this.tokens = tokens;
                set = new HashSet<string>(tokens, StringComparer.Ordinal);
            }

            /// <summary>The automaton for these tokens, built on first use (racing threads build the same one).</summary>
            public TokenAutomaton Automaton => automaton ??= TokenAutomaton.Build(tokens);

            public static KnownTokens Of(bool lowered) => Volatile.Read(ref lowered ? ref lowerCase : ref ordinal);

            public bool Contains(string token) => set.Contains(token);

            /// <summary>Adds <paramref name="token"/> for the trees searched from now on, unless it cannot be or the set is full.</summary>
            public static void Add(string token, bool lowered)
            {
                if (!TokenAutomaton.CanSearch(token))
                {
                    return;
                }

                ref var slot = ref lowered ? ref lowerCase : ref ordinal;
                while (true)
                {
                    var current = Volatile.Read(ref slot);
                    if (current.tokens.Length >= MostTokens || current.Contains(token))
                    {
                        return;
                    }

                    var tokens = new string[current.tokens.Length + 1];
                    current.tokens.CopyTo(tokens, 0);
                    tokens[tokens.Length - 1] = token;
                    if (ReferenceEquals(Interlocked.CompareExchange(ref slot, new KnownTokens(tokens), current), current))
                    {
                        return;
                    }
                }
            }
        }
    }
}
