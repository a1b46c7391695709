using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// A rule option read from <c>.editorconfig</c>: <c>dist_analyzers.DISTnnn.&lt;name&gt;</c>, falling back to
    /// <c>dist_analyzers.&lt;name&gt;</c>. A value that does not parse is ignored (the default is used).
    /// Analyzers list their options (<see cref="DistAnalyzer.Options"/>) so the meta tests can check the rule pages.
    /// </summary>
    public abstract class RuleOption
    {
        protected RuleOption(string name, string defaultText)
        {
            Name = name;
            DefaultText = defaultText;
        }

        /// <summary>The key's last part, e.g. <c>size_words</c>.</summary>
        public string Name { get; }

        /// <summary>The default as it would be written in <c>.editorconfig</c>.</summary>
        public string DefaultText { get; }
    }

    /// <inheritdoc />
    public sealed class RuleOption<T> : RuleOption
    {
        private readonly Func<string, (bool Ok, T Value)> parse;

        public RuleOption(string name, string defaultText, T defaultValue, Func<string, (bool Ok, T Value)> parse)
            : base(name, defaultText)
        {
            Default = defaultValue;
            this.parse = parse;
        }

        public T Default { get; }

        public bool TryParse(string text, out T value)
        {
            try
            {
                var (ok, parsed) = parse(text);
                value = ok ? parsed : Default;
                return ok;
            }
            catch (Exception ex) when (ex is FormatException || ex is OverflowException || ex is ArgumentException)
            {
                value = Default;
                return false;
            }
        }
    }

    /// <summary>Factories for the typed options.</summary>
    public static class RuleOptions
    {
        public static RuleOption<WordList> Words(string name, string defaultList) =>
            new RuleOption<WordList>(name, defaultList, WordList.Parse(defaultList), text => (true, WordList.Parse(text)));

        public static RuleOption<int> Int(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
            new RuleOption<int>(name, defaultValue.ToString(CultureInfo.InvariantCulture), defaultValue, text =>
                int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                    ? (true, v)
                    : (false, defaultValue));

        public static RuleOption<double> Double(string name, double defaultValue, double min = double.MinValue, double max = double.MaxValue) =>
            new RuleOption<double>(name, defaultValue.ToString(CultureInfo.InvariantCulture), defaultValue, text =>
                double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsNaN(v) && v >= min && v <= max
                    ? (true, v)
                    : (false, defaultValue));

        public static RuleOption<bool> Bool(string name, bool defaultValue) =>
            new RuleOption<bool>(name, defaultValue ? "true" : "false", defaultValue, text =>
                bool.TryParse(text.Trim(), out var v) ? (true, v) : (false, defaultValue));

        /// <summary>Shared word lists (RULES.md, "Shared defaults").</summary>
        public static readonly RuleOption<WordList> TestDoubleWords = Words("test_double_words", "Fake, Stub, Mock, Dummy, Spy, Puppet");

        public static readonly RuleOption<WordList> MessageTypeWords = Words("message_type_words", "Message, Request, Response, Reply, Envelope, Dto, Packet, Heartbeat");

        public static readonly RuleOption<WordList> MergeMemberWords = Words("merge_member_words", "Merge, Resolve, Reconcile, Upsert, Replicate, Converge, Put, Write, Remote, Sync");

        public static readonly RuleOption<WordList> MergeTypeWords = Words("merge_type_words", "Register, Replica, Replicator, Replication, Store, Crdt, Lww, LastWriteWins, Conflict");

        public static readonly RuleOption<WordList> ConsensusContextWords = Words("consensus_context_words", "Raft, Paxos, Quorum, Consensus, Election, Vote, Leader, Candidate, Proposer, Acceptor, Ensemble");
    }

    /// <summary>The options of one rule for one syntax tree.</summary>
    public readonly struct OptionReader
    {
        private const string Prefix = "dist_analyzers.";
        private readonly AnalyzerConfigOptions? options;
        private readonly string ruleKeyPrefix;

        public OptionReader(AnalyzerOptions analyzerOptions, SyntaxTree tree, string ruleId)
            : this(analyzerOptions?.AnalyzerConfigOptionsProvider.GetOptions(tree), ruleId)
        {
        }

        /// <summary>Reads <paramref name="options"/> (a tree's <c>.editorconfig</c> options; null: the defaults).</summary>
        public OptionReader(AnalyzerConfigOptions? options, string ruleId)
        {
            this.options = options;
            ruleKeyPrefix = Prefix + ruleId + ".";
        }

        public T Get<T>(RuleOption<T> option)
        {
            if (options is null)
            {
                return option.Default;
            }

            if (options.TryGetValue(ruleKeyPrefix + option.Name, out var text) && option.TryParse(text, out var value))
            {
                return value;
            }

            if (options.TryGetValue(Prefix + option.Name, out text) && option.TryParse(text, out value))
            {
                return value;
            }

            return option.Default;
        }
    }

    /// <summary>
    /// Caches a rule's parsed options per syntax tree for one compilation (create it in the compilation-start
    /// action). Options may differ per file (<c>.editorconfig</c> sections), so they are read per tree; trees that
    /// share one options object (the compiler gives every file of the same sections the same one) share one parse.
    /// Which options object a tree has is asked of the provider once per tree for every rule (<see cref="TreeConfigs"/>).
    /// </summary>
    public sealed class OptionsCache<TOptions>
        where TOptions : class
    {
        private readonly string ruleId;
        private readonly Func<OptionReader, TOptions> build;
        private readonly TreeConfigs? configs;
        private readonly ConcurrentDictionary<AnalyzerConfigOptions, TOptions> byOptions = new ConcurrentDictionary<AnalyzerConfigOptions, TOptions>(SameReference<AnalyzerConfigOptions>.Instance);
        private TOptions? defaults;

        /// <summary>
        /// Per thread (<see cref="ThreadSlots"/>), the last tree asked for, its options object and options (one object,
        /// so that a reader never sees a torn set).
        /// </summary>
        private readonly LastAnswer?[] lastByThread = new LastAnswer?[ThreadSlots.Count];

        public OptionsCache(AnalyzerOptions analyzerOptions, string ruleId, Func<OptionReader, TOptions> build)
        {
            this.ruleId = ruleId;
            this.build = build;
            configs = TreeConfigs.For(analyzerOptions?.AnalyzerConfigOptionsProvider);
        }

        /// <summary>
        /// The options of <paramref name="tree"/>: this thread's last answer when the tree is the same (callbacks
        /// arrive mostly tree by tree, and operation callbacks ask once per operation) or has the same options object
        /// (most often every tree has), else a look-up (no delegate allocated per call).
        /// </summary>
        public TOptions Get(SyntaxTree tree)
        {
            var slot = ThreadSlots.Current;
            var hit = lastByThread[slot];
            if (hit is not null && ReferenceEquals(hit.Tree, tree))
            {
                return hit.Options;
            }

            var config = configs?.Of(tree);
            if (hit is not null && ReferenceEquals(hit.Config, config))
            {
                // The same options object: the answer moves to this tree instead of a new one for each tree. A thread
                // sharing the slot may read the new tree with the answer's options, which are this tree's too.
                hit.Tree = tree;
                return hit.Options;
            }

            var options = Parse(config);
            lastByThread[slot] = new LastAnswer(tree, config, options);
            return options;
        }

        /// <summary>
        /// The first tree's options when every tree of <paramref name="compilation"/> has options that
        /// <paramref name="same"/> finds alike for the rule's purpose (most often every tree has the same options
        /// object); otherwise null. A test that needs only those options' words can then use one object for all.
        /// </summary>
        public TOptions? SameInEveryTree(Compilation compilation, Func<TOptions, TOptions, bool> same)
        {
            TOptions? first = null;
            foreach (var tree in compilation.SyntaxTrees)
            {
                var current = Get(tree);
                if (first is null)
                {
                    first = current;
                }
                else if (!ReferenceEquals(current, first) && !same(current, first))
                {
                    return null;
                }
            }

            return first;
        }

        private TOptions Parse(AnalyzerConfigOptions? config)
        {
            if (config is null)
            {
                return defaults ??= build(new OptionReader((AnalyzerConfigOptions?)null, ruleId));
            }

            return byOptions.TryGetValue(config, out var options) ? options : byOptions.GetOrAdd(config, build(new OptionReader(config, ruleId)));
        }

        /// <summary>
        /// A tree's options; <see cref="Tree"/> changes only to a tree with the same <see cref="Config"/>, so whichever
        /// tree a thread reads there, <see cref="Options"/> are its options.
        /// </summary>
        private sealed class LastAnswer
        {
            private SyntaxTree tree;

            public LastAnswer(SyntaxTree tree, AnalyzerConfigOptions? config, TOptions options)
            {
                this.tree = tree;
                Config = config;
                Options = options;
            }

            public SyntaxTree Tree
            {
                get => Volatile.Read(ref tree);
                set => Volatile.Write(ref tree, value);
            }

            public AnalyzerConfigOptions? Config { get; }

            public TOptions Options { get; }
        }
    }

    /// <summary>
    /// The options object of each tree, as one provider gives it, and whether the tree is generated code, asked once
    /// per tree and shared by every rule (eighteen rules asked the provider for each tree, each keeping its own
    /// dictionary). Held by the provider, and holding its trees weakly: a host may keep one provider while the
    /// compilations, and their trees, come and go.
    /// </summary>
    internal sealed class TreeConfigs
    {
        private static readonly ConditionalWeakTable<AnalyzerConfigOptionsProvider, TreeConfigs> Tables = new ConditionalWeakTable<AnalyzerConfigOptionsProvider, TreeConfigs>();
        private static readonly ConditionalWeakTable<AnalyzerConfigOptionsProvider, TreeConfigs>.CreateValueCallback NewTable = provider => new TreeConfigs(provider);
        private static readonly object Generated = new object();
        private static readonly object NotGenerated = new object();

        private readonly ConditionalWeakTable<SyntaxTree, AnalyzerConfigOptions> configs = new ConditionalWeakTable<SyntaxTree, AnalyzerConfigOptions>();
        private readonly ConditionalWeakTable<SyntaxTree, AnalyzerConfigOptions>.CreateValueCallback ask;
        private readonly ConditionalWeakTable<SyntaxTree, object> generated = new ConditionalWeakTable<SyntaxTree, object>();

        private TreeConfigs(AnalyzerConfigOptionsProvider provider)
        {
            ask = provider.GetOptions;
        }

        /// <summary>The shared table of <paramref name="provider"/> (null: none, every tree has the defaults).</summary>
        public static TreeConfigs? For(AnalyzerConfigOptionsProvider? provider) => provider is null ? null : Tables.GetValue(provider, NewTable);

        public AnalyzerConfigOptions Of(SyntaxTree tree) => configs.GetValue(tree, ask);

        /// <summary>Whether <paramref name="tree"/> is generated code, <paramref name="compute"/>d from its options on the first question.</summary>
        public bool IsGenerated(SyntaxTree tree, Func<SyntaxTree, AnalyzerConfigOptions, bool> compute)
        {
            if (!generated.TryGetValue(tree, out var answer))
            {
                var value = compute(tree, Of(tree)) ? Generated : NotGenerated;
                answer = generated.GetValue(tree, _ => value);
            }

            return ReferenceEquals(answer, Generated);
        }
    }
}
