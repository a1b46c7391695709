using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using DistAnalyzers.CodeFixes.Time;
using DistAnalyzers.Tests.Verifiers;
using DistAnalyzers.Time;
using Xunit;
using Fix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Time.LastWriteWinsByWallClockAnalyzer, DistAnalyzers.CodeFixes.Time.LastWriteWinsByWallClockCodeFixProvider>;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Time.LastWriteWinsByWallClockAnalyzer>;

namespace DistAnalyzers.Tests.Time
{
    public sealed class DIST102Tests
    {
        private const string Entry = @"
using System;
using System.Collections.Generic;
using System.Linq;

public sealed class Entry
{
    public string Key { get; set; } = """";
    public string Value { get; set; } = """";
    public DateTime UpdatedAt { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public long WrittenAtMillis { get; set; }
    public long Timestamp { get; set; }
    public long LamportTimestamp { get; set; }
    public long HlcTimestamp { get; set; }
    public long LogicalTime { get; set; }
    public int NodeId { get; set; }
}
";

        /// <summary>Past the merge scopes' depth bound (64 nested namespaces or types), everything is searched, never less.</summary>
        [Fact]
        public Task A_merge_member_nested_past_the_depth_bound_is_still_found()
        {
            var open = string.Concat(System.Linq.Enumerable.Range(0, 70).Select(i => $"namespace N{i} {{ "));
            var close = new string('}', 70);
            return Verify.VerifyAsync(Entry + open + @"
public sealed class Cache
{
    private Entry current = new();

    public void Merge(Entry incoming)
    {
        if ({|DIST102:incoming.UpdatedAt > current.UpdatedAt|}) { current = incoming; }
    }
}
" + close);
        }

        [Fact]
        public Task If_forms_in_a_merge_member_are_flagged() => Verify.VerifyAsync(Entry + @"
public sealed class Cache
{
    private Entry current = new();

    public void Merge(Entry incoming)
    {
        if ({|DIST102:incoming.UpdatedAt > current.UpdatedAt|})
        {
            current = incoming;
        }
    }

    public void Upsert(Entry incoming)
    {
        if ({|DIST102:incoming.ModifiedAt >= current.ModifiedAt|})
        {
            current.Value = incoming.Value;
        }
    }

    public void Write(Entry incoming)
    {
        if ({|DIST102:incoming.WrittenAtMillis < current.WrittenAtMillis|}) return;
        current = incoming;
    }

    public Entry Resolve(Entry a, Entry b)
    {
        if ({|DIST102:a.Timestamp <= b.Timestamp|}) return b;
        return a;
    }

    public Entry Converge(IEnumerable<Entry> versions)
    {
        Entry best = new();
        foreach (var v in versions)
        {
            if ({|DIST102:v.UpdatedAt > best.UpdatedAt|}) best = v;
        }

        return best;
    }

    public void ApplyRemote(Entry incoming)
    {
        if ({|DIST102:incoming.UpdatedAt.CompareTo(current.UpdatedAt) > 0|}) current = incoming;
        if ({|DIST102:DateTime.Compare(incoming.UpdatedAt, current.UpdatedAt) > 0|}) current = incoming;
    }
}");

        [Fact]
        public Task Ternary_forms_and_implicit_this_are_flagged() => Verify.VerifyAsync(Entry + @"
public static class Resolver
{
    public static Entry Reconcile(Entry a, Entry b) => {|DIST102:a.Timestamp >= b.Timestamp|} ? a : b;
}

public sealed class LatestReplica
{
    public DateTime UpdatedAt { get; set; }
    public string Value { get; set; } = """";

    public LatestReplica Pick(LatestReplica other) => {|DIST102:other.UpdatedAt > UpdatedAt|} ? other : this;
}");

        [Fact]
        public Task Merge_context_from_the_type_or_namespace() => Verify.VerifyAsync(Entry + @"
namespace App.Replication
{
    public static class Picker
    {
        public static Entry Pick(Entry a, Entry b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
    }
}

public sealed class KeyValueStore
{
    public Entry Choose(Entry a, Entry b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
}");

        [Fact]
        public Task Tie_breakers_do_not_help_outside_an_Lww_type() => Verify.VerifyAsync(Entry + @"
public static class Merger
{
    public static Entry Merge(Entry a, Entry b) =>
        {|DIST102:a.UpdatedAt > b.UpdatedAt|} || (a.UpdatedAt == b.UpdatedAt && a.NodeId > b.NodeId) ? a : b;

    public static Entry Resolve(Entry a, Entry b)
    {
        var order = a.Timestamp.CompareTo(b.Timestamp);
        if (order == 0) order = a.NodeId.CompareTo(b.NodeId);
        return {|DIST102:order > 0|} ? a : b;
    }

    public static Entry Converge(Entry a, Entry b) =>
        {|DIST102:(a.Timestamp, a.NodeId).CompareTo((b.Timestamp, b.NodeId)) > 0|} ? a : b;

    public static Entry Reconcile(Entry a, Entry b)
    {
        if ({|DIST102:a.UpdatedAt > b.UpdatedAt|}) return a;
        else if (a.UpdatedAt < b.UpdatedAt) return b;
        else if (a.NodeId > b.NodeId) return a;
        return b;
    }
}");

        [Fact]
        public Task Inside_an_Lww_type_only_comparisons_without_a_tie_breaker_are_flagged() => Verify.VerifyAsync(Entry + @"
public sealed class LwwRegister
{
    private Entry current = new();

    public void Set(Entry incoming)
    {
        if ({|DIST102:incoming.UpdatedAt > current.UpdatedAt|}) current = incoming;
    }

    public void SetWithTieBreak(Entry incoming)
    {
        if (incoming.UpdatedAt > current.UpdatedAt || (incoming.UpdatedAt == current.UpdatedAt && incoming.NodeId > current.NodeId))
        {
            current = incoming;
        }
    }

    public Entry Pick(IEnumerable<Entry> versions) => versions.OrderByDescending(v => v.UpdatedAt).ThenBy(v => v.NodeId).First();

    public Entry PickNoTie(IEnumerable<Entry> versions) => versions.{|DIST102:MaxBy|}(v => v.UpdatedAt)!;

    public Entry PickTuple(IEnumerable<Entry> versions) => versions.MaxBy(v => (v.UpdatedAt, v.NodeId))!;

    public Entry Merge(Entry a, Entry b)
    {
        var order = a.Timestamp.CompareTo(b.Timestamp);
        if (order == 0) order = a.NodeId.CompareTo(b.NodeId);
        return order > 0 ? a : b;
    }

    public Entry Resolve(Entry a, Entry b) => (a.ModifiedAt, a.NodeId).CompareTo((b.ModifiedAt, b.NodeId)) >= 0 ? a : b;
}");

        [Fact]
        public Task Linq_picks_with_pick_words_are_flagged_at_the_method_name() => Verify.VerifyAsync(Entry + @"
public static class ReplicaSync
{
    public static Entry Latest(List<Entry> siblings) => siblings.{|DIST102:OrderByDescending|}(v => v.UpdatedAt).First();

    public static Entry Newest(IEnumerable<Entry> replicaValues) => replicaValues.{|DIST102:MaxBy|}(v => v.Timestamp)!;

    public static Entry Winner(IEnumerable<Entry> responses)
    {
        var latest = responses.{|DIST102:Max|}(r => r.UpdatedAt);
        return responses.First(r => r.UpdatedAt == latest);
    }

    public static Entry Tied(IEnumerable<Entry> candidates) =>
        candidates.Where(c => c.Value != """").{|DIST102:OrderBy|}(c => c.ModifiedAt).ThenBy(c => c.NodeId).Last();
}

public sealed class Reconciler
{
    public Entry Reconcile(IEnumerable<Entry> all) => all.{|DIST102:OrderByDescending|}(e => (e.UpdatedAt, e.NodeId)).First();
}");

        [Theory]
        // Outside a merge context: picking the latest log line is not conflict resolution.
        [InlineData(@"
public static class Logs
{
    public static Entry Latest(Entry a, Entry b) => a.UpdatedAt > b.UpdatedAt ? a : b;
    public static Entry Last(List<Entry> versions) => versions.OrderByDescending(v => v.UpdatedAt).First();
}")]
        // Logical stamps, even when they also carry Time/Timestamp.
        [InlineData(@"
public static class Merger
{
    public static Entry Merge(Entry a, Entry b) => a.LamportTimestamp > b.LamportTimestamp ? a : b;
    public static Entry Resolve(Entry a, Entry b) => a.HlcTimestamp > b.HlcTimestamp ? a : b;
    public static Entry Reconcile(Entry a, Entry b) => a.LogicalTime >= b.LogicalTime ? a : b;
}")]
        // Stamps read as dictionary or array elements; comparisons with the current time.
        [InlineData(@"
public sealed class Replicator
{
    private readonly Dictionary<string, DateTime> lastSeen = new();
    private readonly DateTime[] stamps = new DateTime[2];
    private Entry current = new();
    public string Merge(string a, string b) => lastSeen[a] > lastSeen[b] ? a : b;
    public int MergeSlots() => stamps[0] > stamps[1] ? 0 : 1;
    public void Sync(Entry incoming, TimeProvider clock)
    {
        if (incoming.UpdatedAt < DateTime.UtcNow) current = incoming;
        if (incoming.ModifiedAt > clock.GetUtcNow()) current = incoming;
        if (current.UpdatedAt < DateTime.UtcNow.AddMinutes(-5)) current = incoming;
    }
}")]
        // LINQ picks outside the pick words: sorting for display.
        [InlineData(@"
public sealed class Store
{
    public List<Entry> Display(List<Entry> items) => items.OrderByDescending(v => v.UpdatedAt).ToList();
    public Entry Top(List<Entry> items) => items.OrderByDescending(v => v.UpdatedAt).First();
    public DateTime LastChange(List<Entry> versions) => versions.Max(v => v.UpdatedAt);
}")]
        // An if that keeps nothing, a ?: that yields neither value, a comparison of the same value.
        [InlineData(@"
public sealed class Store
{
    public int Skewed;
    public string Merge(Entry a, Entry b)
    {
        if (a.UpdatedAt > b.UpdatedAt) System.Console.WriteLine(""skew"");
        if (a.UpdatedAt > a.UpdatedAt) return """";
        return a.UpdatedAt > b.UpdatedAt ? ""a is newer"" : ""b is newer"";
    }
}")]
        // Inside a DIST104 vector-clock type; a hybrid logical clock type.
        [InlineData(@"
public sealed class ReplicaVectorClock
{
    public DateTime CreatedAt { get; set; }
    public ReplicaVectorClock Merge(ReplicaVectorClock other) => other.CreatedAt > CreatedAt ? other : this;
}
public readonly record struct HybridTimestamp(long Physical, int Logical, int Node);
public sealed record Versioned(string Value, HybridTimestamp Stamp);
public static class HlcMerge
{
    public static Versioned Merge(Versioned a, Versioned b) => a.Stamp.Physical > b.Stamp.Physical ? a : b;
}")]
        // Test doubles.
        [InlineData(@"
public sealed class FakeStore
{
    public Entry Merge(Entry a, Entry b) => a.UpdatedAt > b.UpdatedAt ? a : b;
}")]
        public Task Not_flagged(string body) => Verify.VerifyAsync(Entry + body);

        [Fact]
        public Task User_types_named_like_BCL_types_in_other_namespaces_are_not_flagged() => Verify.VerifyAsync(@"
namespace My.Time
{
    public struct DateTime
    {
        public long Ticks;
        public static bool operator <(DateTime a, DateTime b) => a.Ticks < b.Ticks;
        public static bool operator >(DateTime a, DateTime b) => a.Ticks > b.Ticks;
    }
}

namespace My.Linq
{
    public static class Enumerable
    {
        public static T MaxBy<T, TKey>(this System.Collections.Generic.IEnumerable<T> source, System.Func<T, TKey> key) => default!;
    }
}

namespace App
{
    using My.Linq;

    public sealed class Item
    {
        public My.Time.DateTime UpdatedAt { get; set; }
        public System.DateTime CreatedAt { get; set; }
    }

    public static class Merger
    {
        public static Item Merge(Item a, Item b) => a.UpdatedAt > b.UpdatedAt ? a : b;
        public static Item Resolve(System.Collections.Generic.List<Item> versions) => versions.MaxBy(v => v.CreatedAt);
    }
}");

        private const string Versioned = @"
using System;
using System.Collections.Generic;
using System.Linq;

public sealed class Doc
{
    public string Body { get; set; } = """";
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
    public string NodeId { get; set; } = """";
}
";

        [Fact]
        public Task Fix_replaces_the_stamp_with_the_version_keeping_the_tie_breaker() => Fix.VerifyFixAsync(Versioned + @"
public static class Merger
{
    public static Doc Merge(Doc a, Doc b) =>
        {|DIST102:a.UpdatedAt > b.UpdatedAt|} || (a.UpdatedAt == b.UpdatedAt && string.CompareOrdinal(a.NodeId, b.NodeId) > 0) ? a : b;

    public static Doc Resolve(List<Doc> versions) =>
        versions.{|DIST102:OrderByDescending|}(d => d.UpdatedAt).ThenBy(d => d.NodeId).First();

    public static Doc Reconcile(Doc a, Doc b) => {|DIST102:(a.UpdatedAt, a.NodeId).CompareTo((b.UpdatedAt, b.NodeId)) > 0|} ? a : b;
}
", Versioned + @"
public static class Merger
{
    public static Doc Merge(Doc a, Doc b) =>
        a.Version > b.Version || (a.Version == b.Version && string.CompareOrdinal(a.NodeId, b.NodeId) > 0) ? a : b;

    public static Doc Resolve(List<Doc> versions) =>
        versions.OrderByDescending(d => d.Version).ThenBy(d => d.NodeId).First();

    public static Doc Reconcile(Doc a, Doc b) => (a.Version, a.NodeId).CompareTo((b.Version, b.NodeId)) > 0 ? a : b;
}
", LastWriteWinsByWallClockCodeFixProvider.UseVersionKey);

        [Fact]
        public Task Fix_in_an_if_chain_and_a_compare_held_in_a_local() => Fix.VerifyFixAsync(Versioned + @"
public sealed class DocStore
{
    private Doc current = new();

    public void Put(Doc incoming)
    {
        if ({|DIST102:incoming.UpdatedAt > current.UpdatedAt|})
        {
            current = incoming;
            current.UpdatedAt = incoming.UpdatedAt;
        }
        else if (incoming.UpdatedAt == current.UpdatedAt && string.CompareOrdinal(incoming.NodeId, current.NodeId) > 0)
        {
            current = incoming;
        }
    }

    public Doc Resolve(Doc a, Doc b)
    {
        var order = a.UpdatedAt.CompareTo(b.UpdatedAt);
        if (order == 0) order = string.CompareOrdinal(a.NodeId, b.NodeId);
        return {|DIST102:order > 0|} ? a : b;
    }
}
", Versioned + @"
public sealed class DocStore
{
    private Doc current = new();

    public void Put(Doc incoming)
    {
        if (incoming.Version > current.Version)
        {
            current = incoming;
            current.UpdatedAt = incoming.UpdatedAt;
        }
        else if (incoming.Version == current.Version && string.CompareOrdinal(incoming.NodeId, current.NodeId) > 0)
        {
            current = incoming;
        }
    }

    public Doc Resolve(Doc a, Doc b)
    {
        var order = a.Version.CompareTo(b.Version);
        if (order == 0) order = string.CompareOrdinal(a.NodeId, b.NodeId);
        return order > 0 ? a : b;
    }
}
", LastWriteWinsByWallClockCodeFixProvider.UseVersionKey);

        [Theory]
        // No tie-breaker.
        [InlineData(@"
public static class Merger
{
    public static Doc Merge(Doc a, Doc b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
}")]
        // No version member.
        [InlineData(@"
public sealed class Note
{
    public DateTime UpdatedAt { get; set; }
    public int Node { get; set; }
}
public static class Merger
{
    public static Note Merge(Note a, Note b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} || (a.UpdatedAt == b.UpdatedAt && a.Node > b.Node) ? a : b;
}")]
        // Two version members: which one is meant is not clear.
        [InlineData(@"
public sealed class Note
{
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
    public long Revision { get; set; }
    public int Node { get; set; }
}
public static class Merger
{
    public static Note Merge(Note a, Note b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} || (a.UpdatedAt == b.UpdatedAt && a.Node > b.Node) ? a : b;
}")]
        // DateTime.Compare would not take the version.
        [InlineData(@"
public static class Merger
{
    public static Doc Merge(Doc a, Doc b)
    {
        var order = DateTime.Compare(a.UpdatedAt, b.UpdatedAt);
        if (order == 0) order = string.CompareOrdinal(a.NodeId, b.NodeId);
        return {|DIST102:order > 0|} ? a : b;
    }
}")]
        // Inside an Lww type every flagged comparison lacks a tie-breaker.
        [InlineData(@"
public sealed class LwwDoc
{
    public Doc Merge(Doc a, Doc b) => {|DIST102:a.UpdatedAt >= b.UpdatedAt|} ? a : b;
}")]
        public Task No_fix(string body) => Fix.VerifyNoFixAsync(Versioned + body);

        [Fact]
        public Task Version_member_words_option_changes_the_fix() => Fix.VerifyFixAsync(@"
using System;

public sealed class Doc
{
    public DateTime UpdatedAt { get; set; }
    public long Seq { get; set; }
    public int Node { get; set; }
}

public static class Merger
{
    public static Doc Merge(Doc a, Doc b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} || (a.UpdatedAt == b.UpdatedAt && a.Node > b.Node) ? a : b;
}
", @"
using System;

public sealed class Doc
{
    public DateTime UpdatedAt { get; set; }
    public long Seq { get; set; }
    public int Node { get; set; }
}

public static class Merger
{
    public static Doc Merge(Doc a, Doc b) => a.Seq > b.Seq || (a.Seq == b.Seq && a.Node > b.Node) ? a : b;
}
", LastWriteWinsByWallClockCodeFixProvider.UseVersionKey, editorConfig: "dist_analyzers.DIST102.version_member_words = Seq");

        [Fact]
        public async Task Word_list_options_change_the_result()
        {
            const string source = @"
using System;
using System.Collections.Generic;
using System.Linq;
public sealed class Item
{
    public long StampedMs { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime Epoch { get; set; }
}
public static class Folder
{
    public static Item Fold(Item a, Item b) => a.UpdatedAt > b.UpdatedAt ? a : b;
}
public static class Merger
{
    public static Item Merge(Item a, Item b) => a.StampedMs > b.StampedMs ? a : b;
    public static Item Resolve(Item a, Item b) => a.Epoch > b.Epoch ? a : b;
    public static Item Pick(List<Item> items) => items.MaxBy(i => i.UpdatedAt)!;
}
public sealed class TrustedRegister
{
    public Item Set(Item a, Item b) => a.UpdatedAt > b.UpdatedAt ? a : b;
}";
            // Defaults: the Merger pick has no pick word; Fold is no merge member; StampedMs carries no stamp word; Epoch is logical.
            await Verify.VerifyAsync(source.Replace("public Item Set(Item a, Item b) => a.UpdatedAt > b.UpdatedAt", "public Item Set(Item a, Item b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|}"));
            await Verify.VerifyAsync(
                source.Replace("=> a.StampedMs > b.StampedMs", "=> {|DIST102:a.StampedMs > b.StampedMs|}")
                    .Replace("=> a.Epoch > b.Epoch", "=> {|DIST102:a.Epoch > b.Epoch|}")
                    .Replace("items.MaxBy", "items.{|DIST102:MaxBy|}")
                    .Replace("=> a.UpdatedAt > b.UpdatedAt ? a : b;\n}\npublic static class Merger", "=> {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;\n}\npublic static class Merger"),
                "dist_analyzers.DIST102.stamp_words = Stamped\ndist_analyzers.DIST102.logical_words = Lamport\ndist_analyzers.DIST102.pick_method_words = Pick\ndist_analyzers.DIST102.merge_member_words = Merge, Resolve, Fold, Pick\ndist_analyzers.merge_type_words = Nothing");
            await Verify.VerifyAsync(
                source.Replace("items.MaxBy", "items.{|DIST102:MaxBy|}"),
                "dist_analyzers.DIST102.pick_source_words = Items\ndist_analyzers.merge_member_words = Merge, Resolve, Pick\ndist_analyzers.merge_type_words = Nothing");
            // lww_type_words: a tie-breaker-less comparison in a Trusted type is still flagged, a tie-broken one is not.
            await Verify.VerifyAsync(
                source.Replace("public Item Set(Item a, Item b) => a.UpdatedAt > b.UpdatedAt", "public Item Set(Item a, Item b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|}"),
                "dist_analyzers.lww_type_words = Trusted");
        }

        [Theory]
        [InlineData("class Store { void Merge(Entry a, Entry b) { if (a.UpdatedAt > ) { } } }")]
        [InlineData("class Store { object Merge(Unknown a, Unknown b) => a.UpdatedAt > b.UpdatedAt ? a : b; }")]
        [InlineData("class Store { object Merge(System.Collections.Generic.List<Unknown> v) => v.OrderBy(x => x.).First(); }")]
        [InlineData("class Store { void Merge(System.DateTime a) { var c = a.CompareTo(; if (c > 0) { } } }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new LastWriteWinsByWallClockAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }

        [Fact]
        public async Task Merge_words_stay_per_file_for_a_type_split_over_files_and_for_repeated_member_names()
        {
            // One type, two files with different merge_type_words: the per-type answer is kept per settings object.
            // The member name FoldOther carries a merge_member_words word in Other.cs only: the per-name memo too.
            var test = new AnalyzerVerifier<LastWriteWinsByWallClockAnalyzer>.Test
            {
                TestCode = @"using System;
public partial class Ledger
{
    public Entry Keep(Entry a, Entry b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
}
public sealed class Entry { public DateTime UpdatedAt { get; set; } }
",
            };
            test.TestState.Sources.Add(("/0/Other.cs", @"public partial class Ledger
{
    public Entry KeepOther(Entry a, Entry b) => a.UpdatedAt > b.UpdatedAt ? a : b;
    public Entry FoldOther(Entry a, Entry b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
}
"));
            test.TestState.Sources.Add(("/0/Third.cs", @"public class Plain
{
    public Entry FoldOther(Entry a, Entry b) => a.UpdatedAt > b.UpdatedAt ? a : b;
    public Entry KeepLedger(Ledger l, Entry a, Entry b) => a.UpdatedAt > b.UpdatedAt ? a : b;
}
"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[Test0.cs]\ndist_analyzers.merge_type_words = Ledger\n\n[Other.cs]\ndist_analyzers.merge_type_words = Nothing\ndist_analyzers.merge_member_words = Fold\n"));
            await test.RunAsync();
        }

        [Fact]
        public Task Top_level_statements_take_the_unwritten_Program_type_name_as_a_merge_context()
        {
            return AnalyzerVerifier<LastWriteWinsByWallClockAnalyzer>.VerifyProgramAsync(
                @"using System;
var a = new Entry();
var b = new Entry();
var kept = {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
GC.KeepAlive(kept);
class Entry { public DateTime UpdatedAt { get; set; } }
",
                "dist_analyzers.merge_type_words = Program");
        }

        [Fact]
        public async Task Operators_field_lambdas_and_file_scoped_namespaces_give_the_merge_context()
        {
            const string operators = @"using System;
public sealed class Pair
{
    public DateTime UpdatedAt { get; set; }
    public static Pair operator >(Pair a, Pair b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
    public static Pair operator <(Pair a, Pair b) => b > a;
}
";
            await Verify.VerifyAsync(operators, "dist_analyzers.merge_member_words = GreaterThan\ndist_analyzers.merge_type_words = Nothing");
            await Verify.VerifyAsync(operators.Replace("{|DIST102:a.UpdatedAt > b.UpdatedAt|}", "a.UpdatedAt > b.UpdatedAt"));

            const string fields = @"using System;
public sealed class Holder
{
    private readonly Func<Entry, Entry, Entry> mergeEntries = (a, b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
    public static Entry Pick(Entry a, Entry b) => a.UpdatedAt > b.UpdatedAt ? a : b;
}
public sealed class Entry
{
    public DateTime UpdatedAt { get; set; }
}
";
            await Verify.VerifyAsync(fields);
            await Verify.VerifyAsync(
                "namespace Acme.Replication;\n" + fields.Replace("a.UpdatedAt > b.UpdatedAt ? a : b;\n}", "{|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;\n}"));
        }

        [Fact]
        public async Task Merge_context_from_nested_types_namespace_segments_accessors_and_joined_names()
        {
            // The names that give the context are those of the declarations around the code: a nested type, a middle
            // segment of a namespace, a property (for its accessor's code), an explicit interface implementation (whose
            // name joins the interface's: ISync.Keep carries Sync); a member name in lower case with underscores.
            const string source = @"using System;
namespace Acme.Crdt.Core
{
    public sealed class Plain
    {
        public Entry Keep(Entry a, Entry b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
    }
}
namespace Acme.Other
{
    public interface ISync { Entry Keep(Entry a, Entry b); }
    public sealed class Outer : ISync
    {
        private Entry a = new(), b = new();
        public Entry Keep(Entry a, Entry b) => a.UpdatedAt > b.UpdatedAt ? a : b;
        Entry ISync.Keep(Entry a, Entry b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
        public Entry SyncState { get { return {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b; } }
        public Entry Shown { get { return a.UpdatedAt > b.UpdatedAt ? a : b; } }
        public Entry absorb_peer(Entry x, Entry y) => x.UpdatedAt > y.UpdatedAt ? x : y;

        private sealed class ConflictPicker
        {
            public Entry Keep(Entry a, Entry b) => {|DIST102:a.UpdatedAt > b.UpdatedAt|} ? a : b;
        }
    }
}
public sealed class Entry { public DateTime UpdatedAt { get; set; } }
";
            await Verify.VerifyAsync(source);

            // A configured word the default lists do not hold, written in lower case.
            await Verify.VerifyAsync(
                source.Replace("x.UpdatedAt > y.UpdatedAt ? x : y", "{|DIST102:x.UpdatedAt > y.UpdatedAt|} ? x : y"),
                "dist_analyzers.merge_member_words = Absorb, Sync\ndist_analyzers.merge_type_words = Crdt, Conflict");
        }
    }
}
