using System;
using System.Collections.Generic;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Finds every occurrence of many ASCII tokens in one pass over a text (an Aho–Corasick automaton with every
    /// transition filled in, so each character costs one table read). The rules' text pre-checks look for some seventy
    /// tokens in every file; one vectorised <c>IndexOf</c> per token reads the whole text seventy times (about 0.75 ms
    /// per token on 100,000 lines), one pass of this reads it once. The answer is the same as searching each token
    /// with <c>IndexOf</c> from each place found plus one: every start, overlapping ones too, in order.
    /// </summary>
    internal sealed class TokenAutomaton
    {
        /// <summary>The class of a character that is in no token: from it every state goes back to the root.</summary>
        private const int OtherClass = 0;

        private readonly string[] tokens;

        /// <summary>The character class of each ASCII character (<see cref="OtherClass"/> for every other character).</summary>
        private readonly byte[] classOf;

        private readonly int classes;

        /// <summary>
        /// <c>next[state + class]</c>, states numbered as multiples of <see cref="classes"/>: the next state, or its
        /// complement when a token ends there.
        /// </summary>
        private readonly int[] next;

        /// <summary>The tokens that end at each state (by state number divided by <see cref="classes"/>), null for none.</summary>
        private readonly int[]?[] endingAt;

        /// <summary>The length of the longest token (0: none).</summary>
        private readonly int longest;

        private TokenAutomaton(string[] tokens, byte[] classOf, int classes, int[] next, int[]?[] endingAt)
        {
            this.tokens = tokens;
            foreach (var token in tokens)
            {
                longest = Math.Max(longest, token.Length);
            }

            this.classOf = classOf;
            this.classes = classes;
            this.next = next;
            this.endingAt = endingAt;
        }

        /// <summary>The tokens searched, in the order of <see cref="Scan"/>'s answer.</summary>
        public IReadOnlyList<string> Tokens => tokens;

        /// <summary>Whether <paramref name="token"/> can be searched by an automaton: not empty, and ASCII.</summary>
        public static bool CanSearch(string token)
        {
            if (token.Length == 0)
            {
                return false;
            }

            foreach (var c in token)
            {
                if (c >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// An automaton for <paramref name="tokens"/> (distinct, each passing <see cref="CanSearch"/>). When
        /// <paramref name="ignoreAsciiCase"/>, the tokens must be lower-case and an ASCII upper-case letter of the text
        /// matches its lower-case form: on ASCII text, the same as searching the text lower-cased.
        /// </summary>
        public static TokenAutomaton Build(string[] tokens, bool ignoreAsciiCase = false)
        {
            var classOf = new byte[0x80];
            var classes = 1;
            foreach (var token in tokens)
            {
                foreach (var c in token)
                {
                    if (classOf[c] == OtherClass)
                    {
                        classOf[c] = (byte)classes++;
                    }
                }
            }

            if (ignoreAsciiCase)
            {
                for (var c = 'A'; c <= 'Z'; c++)
                {
                    if (classOf[c] != OtherClass)
                    {
                        throw new ArgumentException("Tokens searched ignoring case must be lower-case.", nameof(tokens));
                    }

                    classOf[c] = classOf[c + ('a' - 'A')];
                }
            }

            // The trie: children[state * classes + class] (0: none, as the root is no one's child).
            var children = new List<int>(classes * 64);
            var ends = new List<List<int>?>();
            AddState();
            for (var t = 0; t < tokens.Length; t++)
            {
                var state = 0;
                foreach (var c in tokens[t])
                {
                    var slot = (state * classes) + classOf[c];
                    if (children[slot] == 0)
                    {
                        children[slot] = AddState();
                    }

                    state = children[slot];
                }

                (ends[state] ??= new List<int>()).Add(t);
            }

            // Breadth first: each state's fall-back (the longest proper suffix of its path that is a trie path), its
            // missing transitions taken from the fall-back's, and the tokens ending at the fall-back added to its own.
            var count = ends.Count;
            var fallBack = new int[count];
            var goTo = new int[count * classes];
            var endingAt = new int[]?[count];
            var queue = new Queue<int>();
            for (var k = 0; k < classes; k++)
            {
                var child = children[k];
                goTo[k] = child;
                if (child != 0)
                {
                    queue.Enqueue(child);
                }
            }

            while (queue.Count > 0)
            {
                var state = queue.Dequeue();
                var inherited = endingAt[fallBack[state]];
                var own = ends[state];
                if (own is not null || inherited is not null)
                {
                    var all = new List<int>();
                    if (own is not null)
                    {
                        all.AddRange(own);
                    }

                    if (inherited is not null)
                    {
                        all.AddRange(inherited);
                    }

                    endingAt[state] = all.ToArray();
                }

                for (var k = 0; k < classes; k++)
                {
                    var child = children[(state * classes) + k];
                    if (child != 0)
                    {
                        fallBack[child] = goTo[(fallBack[state] * classes) + k];
                        goTo[(state * classes) + k] = child;
                        queue.Enqueue(child);
                    }
                    else
                    {
                        goTo[(state * classes) + k] = goTo[(fallBack[state] * classes) + k];
                    }
                }
            }

            // Premultiplied states, complemented where a token ends.
            var next = new int[goTo.Length];
            for (var i = 0; i < goTo.Length; i++)
            {
                var target = goTo[i];
                next[i] = endingAt[target] is null ? target * classes : ~(target * classes);
            }

            return new TokenAutomaton(tokens, classOf, classes, next, endingAt);

            int AddState()
            {
                for (var k = 0; k < classes; k++)
                {
                    children.Add(0);
                }

                ends.Add(null);
                return ends.Count - 1;
            }
        }

        /// <summary>
        /// Every start of each token in <paramref name="text"/>, in order (null: none), indexed as <see cref="Tokens"/>.
        /// Each character costs a table read that waits for the one before; a longer text is read as two halves side by
        /// side (two independent chains of reads take little more time than one): the first half's pass runs on past the
        /// middle by the longest token less one character and keeps only starts before the middle, the second half's
        /// pass starts afresh at the middle. The places are gathered as (token, start) pairs in the thread's buffers
        /// (a list per token and half cost more than the scan's own reads), grouped by token in one array
        /// (<see cref="ScanGrouped"/>), and here copied into an array per token found.
        /// </summary>
        public int[]?[] Scan(string text)
        {
            var counts = new int[tokens.Length];
            var grouped = ScanGrouped(text, counts);
            var found = new int[]?[tokens.Length];
            var start = 0;
            for (var t = 0; t < tokens.Length; t++)
            {
                if (counts[t] > 0)
                {
                    found[t] = new int[counts[t]];
                    Array.Copy(grouped, start, found[t]!, 0, counts[t]);
                    start += counts[t];
                }
            }

            return found;
        }

        /// <summary>
        /// <see cref="Scan(string)"/>'s places in one array: grouped by token in token order, each group in order, with
        /// each token's count in <paramref name="counts"/> (the caller's, at least <see cref="TokenCount"/> entries, all
        /// zero). For a caller that keeps the places of many tokens: one array instead of one per token found.
        /// </summary>
        public int[] ScanGrouped(string text, int[] counts)
        {
            var (firstPairs, secondPairs) = Gather(text);
            firstPairs.Count(counts);
            secondPairs.Count(counts);
            var nextPlace = countBuffer is { } kept && kept.Length >= tokens.Length ? kept : new int[tokens.Length];
            countBuffer = null;
            var total = 0;
            for (var t = 0; t < tokens.Length; t++)
            {
                nextPlace[t] = total;
                total += counts[t];
            }

            var places = total == 0 ? Array.Empty<int>() : new int[total];
            firstPairs.Fill(places, nextPlace);
            secondPairs.Fill(places, nextPlace);
            Array.Clear(nextPlace, 0, nextPlace.Length);
            countBuffer = nextPlace;
            firstBuffer = firstPairs.Keep();
            secondBuffer = secondPairs.Keep();
            return places;
        }

        /// <summary>Every (token, start) pair of <paramref name="text"/>, in the thread's buffers: the first half's and the second's.</summary>
        private (Pairs First, Pairs Second) Gather(string text)
        {
            var firstPairs = new Pairs(firstBuffer);
            var secondPairs = new Pairs(secondBuffer);
            firstBuffer = secondBuffer = null; // a scan inside a scan (never) would make its own
            var table = next;
            var map = classOf;
            var middle = text.Length / 2;
            if (middle < SplitFrom)
            {
                var state = 0;
                for (var i = 0; i < text.Length; i++)
                {
                    var c = text[i];
                    state = table[state + (c < 0x80 ? map[c] : OtherClass)];
                    if (state < 0)
                    {
                        state = Found(ref firstPairs, ~state, i, int.MaxValue);
                    }
                }
            }
            else
            {
                var firstEnd = Math.Min(text.Length, middle + longest - 1);
                var secondLength = text.Length - middle;
                var both = Math.Min(firstEnd, secondLength);
                var first = 0;
                var other = 0;
                for (var i = 0; i < both; i++)
                {
                    var c = text[i];
                    var d = text[middle + i];
                    first = table[first + (c < 0x80 ? map[c] : OtherClass)];
                    other = table[other + (d < 0x80 ? map[d] : OtherClass)];
                    if ((first | other) < 0)
                    {
                        if (first < 0)
                        {
                            first = Found(ref firstPairs, ~first, i, middle);
                        }

                        if (other < 0)
                        {
                            other = Found(ref secondPairs, ~other, middle + i, int.MaxValue);
                        }
                    }
                }

                for (var i = both; i < firstEnd; i++)
                {
                    var c = text[i];
                    first = table[first + (c < 0x80 ? map[c] : OtherClass)];
                    if (first < 0)
                    {
                        first = Found(ref firstPairs, ~first, i, middle);
                    }
                }

                for (var i = both; i < secondLength; i++)
                {
                    var d = text[middle + i];
                    other = table[other + (d < 0x80 ? map[d] : OtherClass)];
                    if (other < 0)
                    {
                        other = Found(ref secondPairs, ~other, middle + i, int.MaxValue);
                    }
                }
            }

            return (firstPairs, secondPairs);
        }

        /// <summary>The number of tokens searched (the length of <see cref="Scan(string)"/>'s answer).</summary>
        public int TokenCount => tokens.Length;

        /// <summary>Texts shorter than twice this are read in one pass (the halves' set-up would cost more than it saves).</summary>
        internal const int SplitFrom = 64;

        /// <summary>The thread's buffers of (token, start) pairs for each half, and of each token's next place in the grouped array, kept between scans.</summary>
        [ThreadStatic]
        private static int[]? firstBuffer;

        [ThreadStatic]
        private static int[]? secondBuffer;

        [ThreadStatic]
        private static int[]? countBuffer;

        /// <summary>Adds the starts before <paramref name="before"/> of the tokens that end at <paramref name="end"/> in <paramref name="state"/>; returns the state.</summary>
        private int Found(ref Pairs pairs, int state, int end, int before)
        {
            foreach (var t in endingAt[state / classes]!)
            {
                var start = end - tokens[t].Length + 1;
                if (start < before)
                {
                    pairs.Add(t, start);
                }
            }

            return state;
        }

        /// <summary>A growing list of (token, start) pairs in one array.</summary>
        private struct Pairs
        {
            private int[] items;
            private int length;

            public Pairs(int[]? buffer)
            {
                items = buffer ?? new int[256];
                length = 0;
            }

            public void Add(int token, int start)
            {
                if (length + 2 > items.Length)
                {
                    Array.Resize(ref items, items.Length * 2);
                }

                items[length] = token;
                items[length + 1] = start;
                length += 2;
            }

            public readonly void Count(int[] counts)
            {
                for (var i = 0; i < length; i += 2)
                {
                    counts[items[i]]++;
                }
            }

            /// <summary>Writes each pair's start at its token's next place in <paramref name="places"/> (<paramref name="next"/>: each token's next place).</summary>
            public readonly void Fill(int[] places, int[] next)
            {
                for (var i = 0; i < length; i += 2)
                {
                    places[next[items[i]]++] = items[i + 1];
                }
            }

            /// <summary>The array to keep for the thread's next scan (a huge one is let go).</summary>
            public readonly int[]? Keep() => items.Length <= 1 << 16 ? items : null;
        }
    }
}
