using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Time;
using DistAnalyzers.Tests.Verifiers;
using DistAnalyzers.Time;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Fix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Time.VectorClockTotalOrderAnalyzer, DistAnalyzers.CodeFixes.Time.VectorClockTotalOrderCodeFixProvider>;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Time.VectorClockTotalOrderAnalyzer>;

namespace DistAnalyzers.Tests.Time
{
    public sealed class DIST104Tests
    {
        [Fact]
        public Task Named_vector_clocks_implementing_ordering_interfaces_are_flagged_at_the_base_list_entry() => Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;

public sealed class VectorClock : {|DIST104:IComparable<VectorClock>|}
{
    public List<long> Entries { get; } = new();
    public int CompareTo(VectorClock? other) => 0;
}

public sealed class VersionVector : ICloneable, {|DIST104:IComparable|}
{
    public object Clone() => this;
    public int CompareTo(object? other) => 0;
}

public sealed class DottedVersionVectorComparer : {|DIST104:IComparer<DottedVersionVectorComparer>|}
{
    public int Compare(DottedVersionVectorComparer? x, DottedVersionVectorComparer? y) => 0;
}

public readonly record struct VClock(long[] Counters) : {|DIST104:IComparable<VClock>|}
{
    public int CompareTo(VClock other) => 0;
}");

        [Fact]
        public Task Clocks_recognised_by_storage_are_flagged() => Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

// Carries Clock, one dictionary of node -> integer.
public sealed class NodeClock : {|DIST104:IComparable<NodeClock>|}
{
    private readonly Dictionary<string, long> counters = new();
    public int CompareTo(NodeClock? other) => counters.Values.Sum().CompareTo(other!.counters.Values.Sum());
}

// Carries Version, an immutable dictionary.
public sealed class ObjectVersion : {|DIST104:IComparable<ObjectVersion>|}
{
    public ImmutableDictionary<Guid, int> Entries { get; init; } = ImmutableDictionary<Guid, int>.Empty;
    public int CompareTo(ObjectVersion? other) => 0;
}

// Carries Clock, one integer array; an int CompareTo without an interface.
public sealed class ArrayClock
{
    private readonly int[] ticks = new int[3];
    public int {|DIST104:CompareTo|}(ArrayClock other) => ticks.Sum() - other.ticks.Sum();
}");

        [Fact]
        public Task Operators_through_a_scalar_reduction_or_CompareTo_are_flagged_at_the_operator_token() => Verify.VerifyAsync(@"
using System.Collections.Generic;
using System.Linq;

public sealed class VectorClock
{
    public Dictionary<string, long> Entries { get; } = new();
    public long Total => Entries.Values.Sum();
    public static bool operator {|DIST104:<|}(VectorClock a, VectorClock b) => a.Total < b.Total;
    public static bool operator >(VectorClock a, VectorClock b) => a.Total > b.Total;
}

public sealed class GridClock
{
    private readonly long[] ticks = new long[4];
    public static bool operator <=(GridClock a, GridClock b) => a.ticks.Sum().CompareTo(b.ticks.Sum()) <= 0;
    public static bool operator >=(GridClock a, GridClock b) => b <= a;
    public static bool operator {|DIST104:<|}(GridClock a, GridClock b)
    {
        var left = a.ticks.Max();
        var right = b.ticks.Max();
        return left < right;
    }
    public static bool operator >(GridClock a, GridClock b) => b < a;
}".Replace("public static bool operator <=(GridClock a, GridClock b)", "public static bool operator {|DIST104:<=|}(GridClock a, GridClock b)").Replace("operator {|DIST104:<|}(GridClock", "operator <(GridClock"));

        [Fact]
        public Task Sort_key_uses_are_flagged() => Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;
using System.Linq;

public sealed class VectorClock
{
    public Dictionary<string, long> Entries { get; } = new();
}

public sealed record Event(string Name, VectorClock Clock);

public static class Log
{
    private static readonly SortedSet<{|DIST104:VectorClock|}> Seen = new();
    private static readonly SortedDictionary<{|DIST104:VectorClock|}, Event> ByClock = new();

    public static void Use(List<Event> events, List<VectorClock> clocks, VectorClock[] array)
    {
        var ordered = events.OrderBy({|DIST104:e => e.Clock|}).ToList();
        var newest = events.OrderByDescending({|DIST104:e => e.Clock|}).First();
        var latest = events.Max({|DIST104:e => e.Clock|});
        var earliest = events.Min({|DIST104:e => e.Clock|});
        var top = clocks.{|DIST104:Max|}();
        clocks.{|DIST104:Sort|}();
        Array.{|DIST104:Sort|}(array);
        var byName = events.OrderBy(e => e.Name).ToList();
        clocks.Sort((a, b) => 0);
    }
}");

        [Fact]
        public Task Query_orderby_clauses_are_sort_key_uses() => Verify.VerifyAsync(@"
using System.Collections.Generic;
using System.Linq;

public sealed class VectorClock
{
    public Dictionary<string, long> Entries { get; } = new();
}

public sealed record Event(string Name, VectorClock Clock);

public static class Log
{
    private static readonly List<Event> All = new();
    private static readonly IEnumerable<Event> Ordered = from e in All orderby {|DIST104:e.Clock|} select e;

    public static IEnumerable<Event> Use(List<Event> events) =>
        from e in events orderby {|DIST104:e.Clock|} descending, e.Name select e;

    public static IEnumerable<Event> ByName(List<Event> events) => from e in events orderby e.Name select e;

    public static IEnumerable<Event> Nested(List<Event> events) =>
        from e in (from f in events orderby {|DIST104:f.Clock|} select f) orderby e.Name, e.Clock select e;

    public static IEnumerable<Event> InLambda(List<List<Event>> all) =>
        all.SelectMany(events => from e in events where e.Name != """" orderby {|DIST104:e.Clock|} descending select e);
}");

        /// <summary>
        /// Sort calls are looked at where their name is written and query clauses where <c>orderby</c> is: a member with
        /// both reports each once; static, conditional-access and generic calls are found by their written name, as are
        /// names written escaped (<c>@OrderBy</c>, <c>Mi\u006E</c>).
        /// </summary>
        [Fact]
        public Task Sort_calls_and_query_clauses_in_one_member_are_each_reported_once() => Verify.VerifyAsync(@"
using System.Collections.Generic;
using System.Linq;

public sealed class VectorClock
{
    public Dictionary<string, long> Entries { get; } = new();
}

public sealed record Event(string Name, VectorClock Clock);

public static class Log
{
    public static object Both(List<Event> events, List<Event>? maybe) => new object[]
    {
        from e in events orderby {|DIST104:e.Clock|} select e,
        events.OrderBy({|DIST104:e => e.Clock|}),
        Enumerable.Max(events, {|DIST104:e => e.Clock|}),
        maybe?.OrderByDescending<Event, VectorClock>({|DIST104:e => e.Clock|}),
        events.@OrderBy({|DIST104:e => e.Clock|}),
        events.Mi\u006E({|DIST104:e => e.Clock|}),
    };
}");

        [Fact]
        public Task Partial_declarations_report_once_at_the_entry() => Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;

public sealed partial class VectorClock
{
    private readonly Dictionary<string, long> entries = new();
}

public sealed partial class VectorClock : {|DIST104:IComparable<VectorClock>|}
{
    public int CompareTo(VectorClock? other) => 0;
}

public sealed class Holder
{
    public sealed class NodeClock
    {
        private readonly int[] slots = new int[2];
        public int {|DIST104:CompareTo|}(NodeClock other) => 0;
    }
}");

        [Theory]
        // Partial-order APIs: a nullable ordering, an enum with a Concurrent member.
        [InlineData(@"
using System.Collections.Generic;
public enum Causal { Before, After, Same, Concurrent }
public sealed class VectorClock
{
    public Dictionary<string, long> Entries { get; } = new();
    public int? CompareTo(VectorClock other) => null;
    public Causal Compare(VectorClock other) => Causal.Concurrent;
    public static bool operator <(VectorClock a, VectorClock b) => a.Compare(b) == Causal.Before;
    public static bool operator >(VectorClock a, VectorClock b) => a.Compare(b) == Causal.After;
}")]
        // Operators written element-wise; equality.
        [InlineData(@"
public sealed class VersionVector
{
    private readonly long[] v = new long[3];
    public static bool operator <=(VersionVector a, VersionVector b)
    {
        for (var i = 0; i < a.v.Length; i++) { if (a.v[i] > b.v[i]) return false; }
        return true;
    }
    public static bool operator >=(VersionVector a, VersionVector b) => b <= a;
    public override bool Equals(object? obj) => obj is VersionVector o && System.Linq.Enumerable.SequenceEqual(v, o.v);
    public override int GetHashCode() => v.Length;
    public static bool operator ==(VersionVector a, VersionVector b) => a.Equals(b);
    public static bool operator !=(VersionVector a, VersionVector b) => !a.Equals(b);
}")]
        // Types that fail the tests: a nested Node, a version that is not a clock, a Lamport clock with one integer,
        // a Clock type with two dictionaries, an unrelated comparable.
        [InlineData(@"
using System;
using System.Collections.Generic;
public sealed class VectorClock
{
    public sealed class Node : IComparable<Node>
    {
        public string Id { get; set; } = """";
        public int CompareTo(Node? other) => string.CompareOrdinal(Id, other?.Id);
    }
}
public sealed record AssemblyVersion(int[] Parts) : IComparable<AssemblyVersion>
{
    public int CompareTo(AssemblyVersion? other) => 0;
}
public sealed class LamportClock : IComparable<LamportClock>
{
    private long time;
    public int CompareTo(LamportClock? other) => time.CompareTo(other?.time ?? 0);
}
public sealed class MergeClock : IComparable<MergeClock>
{
    private readonly Dictionary<string, long> a = new();
    private readonly Dictionary<string, long> b = new();
    public int CompareTo(MergeClock? other) => 0;
}
public sealed class Money : IComparable<Money>
{
    public int CompareTo(Money? other) => 0;
}")]
        // User types named like BCL types, in other namespaces.
        [InlineData(@"
namespace My.Ordering
{
    public interface IComparable<T> { int Order(T other); }
    public sealed class SortedSet<T> { }
}
namespace App
{
    public sealed class VectorClock : My.Ordering.IComparable<VectorClock>
    {
        public int Order(VectorClock other) => 0;
        private readonly My.Ordering.SortedSet<VectorClock> set = new();
    }
}")]
        // Test doubles.
        [InlineData(@"
using System;
public sealed class FakeVectorClock : IComparable<FakeVectorClock>
{
    public int CompareTo(FakeVectorClock? other) => 0;
}")]
        public Task Not_flagged(string source) => Verify.VerifyAsync(source);

        [Fact]
        public Task Fix_with_dictionary_storage_adds_CompareCausally_and_removes_the_total_order() => Fix.VerifyFixAsync(@"
using System;
using System.Collections.Generic;
using System.Linq;

public sealed class VectorClock : {|DIST104:IComparable<VectorClock>|}
{
    private readonly Dictionary<string, long> entries = new();

    public void Tick(string node) => entries[node] = entries.TryGetValue(node, out var t) ? t + 1 : 1;

    public int CompareTo(VectorClock? other) => entries.Values.Sum().CompareTo(other?.entries.Values.Sum() ?? 0);
}
", @"
using System;
using System.Collections.Generic;
using System.Linq;

public sealed class VectorClock
{
    private readonly Dictionary<string, long> entries = new();

    public void Tick(string node) => entries[node] = entries.TryGetValue(node, out var t) ? t + 1 : 1;

    public CausalOrder CompareCausally(VectorClock other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        // Element-wise <= in both directions: neither dominating means concurrent.
        var lessOrEqual = true;
        var greaterOrEqual = true;
        foreach (var entry in entries)
        {
            other.entries.TryGetValue(entry.Key, out var theirs);
            if (entry.Value < theirs) greaterOrEqual = false;
            if (entry.Value > theirs) lessOrEqual = false;
        }
        foreach (var entry in other.entries)
        {
            entries.TryGetValue(entry.Key, out var mine);
            if (mine < entry.Value) greaterOrEqual = false;
            if (mine > entry.Value) lessOrEqual = false;
        }
        if (lessOrEqual && greaterOrEqual) return CausalOrder.Equal;
        if (lessOrEqual) return CausalOrder.Before;
        if (greaterOrEqual) return CausalOrder.After;
        return CausalOrder.Concurrent;
    }

    public enum CausalOrder { Before, After, Equal, Concurrent }
}
", VectorClockTotalOrderCodeFixProvider.AddCompareCausallyKey);

        [Fact]
        public Task Fix_with_array_storage_keeps_other_base_entries() => Fix.VerifyFixAsync(@"
using System;

public readonly struct VClock : IEquatable<VClock>, {|DIST104:IComparable<VClock>|}, IComparable
{
    private readonly int[] counters;

    public VClock(int[] counters) => this.counters = counters;

    public bool Equals(VClock other) => counters == other.counters;

    public int CompareTo(VClock other) => counters.Length.CompareTo(other.counters.Length);

    int IComparable.CompareTo(object? obj) => obj is VClock v ? CompareTo(v) : 1;
}
", @"
using System;

public readonly struct VClock : IEquatable<VClock>
{
    private readonly int[] counters;

    public VClock(int[] counters) => this.counters = counters;

    public bool Equals(VClock other) => counters == other.counters;

    public CausalOrder CompareCausally(VClock other)
    {
        // Element-wise <= in both directions: neither dominating means concurrent.
        var lessOrEqual = true;
        var greaterOrEqual = true;
        var length = Math.Max(counters.Length, other.counters.Length);
        for (var i = 0; i < length; i++)
        {
            var mine = i < counters.Length ? counters[i] : 0;
            var theirs = i < other.counters.Length ? other.counters[i] : 0;
            if (mine < theirs) greaterOrEqual = false;
            if (mine > theirs) lessOrEqual = false;
        }
        if (lessOrEqual && greaterOrEqual) return CausalOrder.Equal;
        if (lessOrEqual) return CausalOrder.Before;
        if (greaterOrEqual) return CausalOrder.After;
        return CausalOrder.Concurrent;
    }

    public enum CausalOrder { Before, After, Equal, Concurrent }
}
", VectorClockTotalOrderCodeFixProvider.AddCompareCausallyKey);

        /// <summary>A fix that adds CompareCausally but keeps the total order: the diagnostic stays in the fixed code (marked there).</summary>
        private static Task VerifyKeptAsync(string source, string fixedSource)
        {
            var test = Fix.Create(source, fixedSource, VectorClockTotalOrderCodeFixProvider.AddCompareCausallyKey, null, null);
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            test.NumberOfIncrementalIterations = 1;
            test.NumberOfFixAllIterations = 1;
            test.NumberOfFixAllInDocumentIterations = 1;
            test.NumberOfFixAllInProjectIterations = 1;
            return test.RunAsync();
        }

        private const string KeptClock = @"
using System;
using System.Collections.Generic;
using System.Linq;

public sealed class VectorClock : {|DIST104:IComparable<VectorClock>|}
{
    public Dictionary<string, int> Entries { get; } = new();

    public int CompareTo(VectorClock? other) => Entries.Count.CompareTo(other?.Entries.Count ?? 0);
}
";

        private const string KeptClockFixed = @"
using System;
using System.Collections.Generic;
using System.Linq;

public sealed class VectorClock : {|DIST104:IComparable<VectorClock>|}
{
    public Dictionary<string, int> Entries { get; } = new();

    public int CompareTo(VectorClock? other) => Entries.Count.CompareTo(other?.Entries.Count ?? 0);

    public CausalOrder CompareCausally(VectorClock other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        // Element-wise <= in both directions: neither dominating means concurrent.
        var lessOrEqual = true;
        var greaterOrEqual = true;
        foreach (var entry in Entries)
        {
            other.Entries.TryGetValue(entry.Key, out var theirs);
            if (entry.Value < theirs) greaterOrEqual = false;
            if (entry.Value > theirs) lessOrEqual = false;
        }
        foreach (var entry in other.Entries)
        {
            Entries.TryGetValue(entry.Key, out var mine);
            if (mine < entry.Value) greaterOrEqual = false;
            if (mine > entry.Value) lessOrEqual = false;
        }
        if (lessOrEqual && greaterOrEqual) return CausalOrder.Equal;
        if (lessOrEqual) return CausalOrder.Before;
        if (greaterOrEqual) return CausalOrder.After;
        return CausalOrder.Concurrent;
    }

    public enum CausalOrder { Before, After, Equal, Concurrent }
}
";

        [Fact]
        public Task Fix_keeps_CompareTo_that_is_called_elsewhere_and_the_diagnostic_stays() => VerifyKeptAsync(
            KeptClock + @"
public static class Use
{
    public static bool Newer(VectorClock a, VectorClock b) => a.CompareTo(b) > 0;
}
",
            KeptClockFixed + @"
public static class Use
{
    public static bool Newer(VectorClock a, VectorClock b) => a.CompareTo(b) > 0;
}
");

        [Fact]
        public Task Fix_keeps_the_total_order_when_the_type_is_a_sort_key() => VerifyKeptAsync(
            KeptClock + @"
public static class Use
{
    public static VectorClock Newest(List<VectorClock> clocks) => clocks.{|DIST104:Max|}()!;
}
",
            KeptClockFixed + @"
public static class Use
{
    public static VectorClock Newest(List<VectorClock> clocks) => clocks.{|DIST104:Max|}()!;
}
");

        [Fact]
        public Task Fix_keeps_the_interface_when_a_generic_constraint_needs_it() => VerifyKeptAsync(
            KeptClock + @"
public static class Use
{
    public static T Larger<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) >= 0 ? a : b;
    public static VectorClock Pick(VectorClock a, VectorClock b) => Larger(a, b);
}
",
            KeptClockFixed + @"
public static class Use
{
    public static T Larger<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) >= 0 ? a : b;
    public static VectorClock Pick(VectorClock a, VectorClock b) => Larger(a, b);
}
");

        [Theory]
        // IComparer<T>.
        [InlineData(@"
using System.Collections.Generic;
public sealed class VectorClock : {|DIST104:IComparer<VectorClock>|}
{
    private readonly Dictionary<string, long> entries = new();
    public int Compare(VectorClock? x, VectorClock? y) => 0;
    public int CompareTo(VectorClock other) => 0;
}")]
        // Operator-only types.
        [InlineData(@"
using System.Linq;
public sealed class VectorClock
{
    private readonly long[] entries = new long[2];
    public static bool operator {|DIST104:<|}(VectorClock a, VectorClock b) => a.entries.Sum() < b.entries.Sum();
    public static bool operator >(VectorClock a, VectorClock b) => a.entries.Sum() > b.entries.Sum();
}")]
        // Sort keys.
        [InlineData(@"
using System.Collections.Generic;
public sealed class VectorClock
{
    private readonly long[] entries = new long[2];
}
public static class Use
{
    public static void Sort(List<VectorClock> clocks) => clocks.{|DIST104:Sort|}();
}")]
        // Other storage.
        [InlineData(@"
using System;
using System.Collections.Generic;
public sealed class VectorClock : {|DIST104:IComparable<VectorClock>|}
{
    private readonly List<long> entries = new();
    public int CompareTo(VectorClock? other) => 0;
}")]
        // Already has a CausalOrder member.
        [InlineData(@"
using System;
using System.Collections.Generic;
public sealed class VectorClock : {|DIST104:IComparable<VectorClock>|}
{
    public enum CausalOrder { Before, After, Equal, Concurrent }
    private readonly Dictionary<string, long> entries = new();
    public int CompareTo(VectorClock? other) => 0;
}")]
        public Task No_fix(string source) => Fix.VerifyNoFixAsync(source);

        [Fact]
        public Task Fix_all_fixes_every_clock_of_the_document() => Fix.VerifyFixAsync(@"
using System;
using System.Collections.Generic;

public sealed class VectorClock : {|DIST104:IComparable<VectorClock>|}
{
    private readonly Dictionary<string, long> entries = new();

    public int CompareTo(VectorClock? other) => 0;
}

public sealed class ArrayClock
{
    private readonly long[] ticks = new long[3];

    public int {|DIST104:CompareTo|}(ArrayClock other) => 0;
}
", @"
using System;
using System.Collections.Generic;

public sealed class VectorClock
{
    private readonly Dictionary<string, long> entries = new();
" + DictionaryBody + @"
}

public sealed class ArrayClock
{
    private readonly long[] ticks = new long[3];
" + ArrayBody.Replace("CompareCausally(VectorClock other)", "CompareCausally(ArrayClock other)") + @"
}
", VectorClockTotalOrderCodeFixProvider.AddCompareCausallyKey);

        [Fact]
        public void Generated_dictionary_comparison_is_a_partial_order()
        {
            var cases = new[]
            {
                ("a:1,b:2", "a:1,b:2", "Equal"),
                ("a:1", "a:1,b:1", "Before"),
                ("a:2,b:1", "a:1", "After"),
                ("a:2", "b:5", "Concurrent"),
                ("a:3,b:1", "a:1,b:2", "Concurrent"),
                ("", "", "Equal"),
            };
            var results = GeneratedComparison.Run(GeneratedDictionaryClock, cases.Select(c => (c.Item1, c.Item2)).ToArray());
            Assert.Equal(cases.Select(c => c.Item3).ToArray(), results);
        }

        [Fact]
        public void Generated_array_comparison_pads_with_zero()
        {
            var cases = new[]
            {
                ("1,2", "1,2", "Equal"),
                ("1", "1,1", "Before"),
                ("1,0,0", "1", "Equal"),
                ("2,0", "1,3", "Concurrent"),
                ("2,3", "1,3", "After"),
            };
            var results = GeneratedComparison.Run(GeneratedArrayClock, cases.Select(c => (c.Item1, c.Item2)).ToArray());
            Assert.Equal(cases.Select(c => c.Item3).ToArray(), results);
        }

        /// <summary>The fix's output for a dictionary clock (as in <see cref="Fix_all_fixes_every_clock_of_the_document"/>), plus a factory.</summary>
        private const string GeneratedDictionaryClock = @"
using System;
using System.Collections.Generic;

public sealed class VectorClock
{
    private readonly Dictionary<string, long> entries = new();

    public static VectorClock Parse(string text)
    {
        var clock = new VectorClock();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split(':');
            clock.entries[kv[0]] = long.Parse(kv[1]);
        }
        return clock;
    }

    public static string Compare(string a, string b) => Parse(a).CompareCausally(Parse(b)).ToString();
" + DictionaryBody + @"
}";

        private const string GeneratedArrayClock = @"
using System;
using System.Linq;

public sealed class VectorClock
{
    private readonly long[] ticks;

    private VectorClock(long[] ticks) => this.ticks = ticks;

    public static string Compare(string a, string b) =>
        new VectorClock(a.Split(',').Select(long.Parse).ToArray()).CompareCausally(new VectorClock(b.Split(',').Select(long.Parse).ToArray())).ToString();
" + ArrayBody + @"
}";

        private const string DictionaryBody = @"
    public CausalOrder CompareCausally(VectorClock other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        // Element-wise <= in both directions: neither dominating means concurrent.
        var lessOrEqual = true;
        var greaterOrEqual = true;
        foreach (var entry in entries)
        {
            other.entries.TryGetValue(entry.Key, out var theirs);
            if (entry.Value < theirs) greaterOrEqual = false;
            if (entry.Value > theirs) lessOrEqual = false;
        }
        foreach (var entry in other.entries)
        {
            entries.TryGetValue(entry.Key, out var mine);
            if (mine < entry.Value) greaterOrEqual = false;
            if (mine > entry.Value) lessOrEqual = false;
        }
        if (lessOrEqual && greaterOrEqual) return CausalOrder.Equal;
        if (lessOrEqual) return CausalOrder.Before;
        if (greaterOrEqual) return CausalOrder.After;
        return CausalOrder.Concurrent;
    }

    public enum CausalOrder { Before, After, Equal, Concurrent }";

        private const string ArrayBody = @"
    public CausalOrder CompareCausally(VectorClock other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        // Element-wise <= in both directions: neither dominating means concurrent.
        var lessOrEqual = true;
        var greaterOrEqual = true;
        var length = Math.Max(ticks.Length, other.ticks.Length);
        for (var i = 0; i < length; i++)
        {
            var mine = i < ticks.Length ? ticks[i] : 0;
            var theirs = i < other.ticks.Length ? other.ticks[i] : 0;
            if (mine < theirs) greaterOrEqual = false;
            if (mine > theirs) lessOrEqual = false;
        }
        if (lessOrEqual && greaterOrEqual) return CausalOrder.Equal;
        if (lessOrEqual) return CausalOrder.Before;
        if (greaterOrEqual) return CausalOrder.After;
        return CausalOrder.Concurrent;
    }

    public enum CausalOrder { Before, After, Equal, Concurrent }";

        [Fact]
        public async Task Options_change_the_recognised_types()
        {
            const string source = @"
using System;
using System.Collections.Generic;
public sealed class CausalStamp : IComparable<CausalStamp>
{
    public int CompareTo(CausalStamp? other) => 0;
}
public sealed class NodeMap : IComparable<NodeMap>
{
    private readonly Dictionary<string, long> entries = new();
    public int CompareTo(NodeMap? other) => 0;
}
public sealed class NodeRow : IComparable<NodeRow>
{
    private readonly long[] entries = new long[2];
    public int CompareTo(NodeRow? other) => 0;
}
public sealed class VectorClock : IComparable<VectorClock>
{
    public int CompareTo(VectorClock? other) => 0;
}";
            await Verify.VerifyAsync(source.Replace(": IComparable<VectorClock>", ": {|DIST104:IComparable<VectorClock>|}"));
            await Verify.VerifyAsync(
                source.Replace(": IComparable<CausalStamp>", ": {|DIST104:IComparable<CausalStamp>|}"),
                "dist_analyzers.DIST104.vector_clock_type_words = CausalStamp");
            await Verify.VerifyAsync(
                source.Replace(": IComparable<NodeMap>", ": {|DIST104:IComparable<NodeMap>|}").Replace(": IComparable<NodeRow>", ": {|DIST104:IComparable<NodeRow>|}")
                    .Replace(": IComparable<VectorClock>", ": {|DIST104:IComparable<VectorClock>|}"),
                "dist_analyzers.map_clock_type_words = Map\ndist_analyzers.array_clock_type_words = Row");
        }

        [Theory]
        [InlineData("class VectorClock : System.IComparable<VectorClock> { public int CompareTo(VectorClock other) => ; }")]
        [InlineData("class VectorClock : IComparable<VectorClock> { Dictionary<string, long> e; public static bool operator <(VectorClock a, VectorClock b) => a.e.Sum() < ; }")]
        [InlineData("class C { void M(System.Collections.Generic.List<VectorClock> c) { c.OrderBy(x => x.).Max(); new System.Collections.Generic.SortedSet<>(); } }")]
        [InlineData("class VectorClock : { public int CompareTo(")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new VectorClockTotalOrderAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }

        [Fact]
        public async Task A_clock_split_over_files_is_flagged_where_its_ordering_is_declared()
        {
            var test = new AnalyzerVerifier<VectorClockTotalOrderAnalyzer>.Test();
            test.TestState.Sources.Add(@"
using System.Collections.Generic;
public sealed partial class NodeTally
{
    private readonly Dictionary<string, long> entries = new();
}");
            test.TestState.Sources.Add(@"
public sealed partial class NodeTally
{
    public int {|DIST104:CompareTo|}(NodeTally other) => 0;
}");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", AnalyzerVerifier<VectorClockTotalOrderAnalyzer>.EditorConfig("dist_analyzers.DIST104.map_clock_type_words = Tally")));
            await test.RunAsync();
        }
    
        [Fact]
        public async Task A_partial_clock_is_judged_with_its_first_document_settings_where_its_ordering_is_declared()
        {
            // Tally is a map-clock word only for /src (the type's first document); the CompareTo in /other, whose own
            // settings do not name Tally, is flagged from that document's action.
            var test = new AnalyzerVerifier<VectorClockTotalOrderAnalyzer>.Test();
            test.TestState.Sources.Add(("/src/A.cs", @"
using System.Collections.Generic;
public sealed partial class NodeTally
{
    private readonly Dictionary<string, long> entries = new();
}"));
            test.TestState.Sources.Add(("/other/B.cs", @"
public sealed partial class NodeTally
{
    public int {|DIST104:CompareTo|}(NodeTally other) => 0;
}
public sealed class PeerTally : System.IComparable<PeerTally>
{
    private readonly System.Collections.Generic.Dictionary<string, long> entries = new();
    public int CompareTo(PeerTally? other) => 0;
}"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[/src/*.cs]\ndist_analyzers.DIST104.map_clock_type_words = Tally\n"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Operators_of_a_partial_clock_are_judged_in_every_document_and_reported_in_their_own()
        {
            // The operator-only clock's ordering operators are in two documents: the one built on a total comparison
            // is reported, from its own document's action (the element-wise one in the first document is not); a
            // nested clock is judged on its own.
            var test = new AnalyzerVerifier<VectorClockTotalOrderAnalyzer>.Test();
            test.TestState.Sources.Add(("/a/Clock.cs", @"
using System.Collections.Generic;
using System.Linq;
public sealed partial class VectorClock
{
    public Dictionary<string, long> Entries { get; } = new();
    public long Total => Entries.Values.Sum();
    public static bool operator >(VectorClock a, VectorClock b) => a.Entries.All(e => b.Entries.TryGetValue(e.Key, out var v) && e.Value > v);
}"));
            test.TestState.Sources.Add(("/b/Clock.Ops.cs", @"
public sealed partial class VectorClock
{
    public static bool operator {|DIST104:<|}(VectorClock a, VectorClock b) => a.Total < b.Total;
}"));
            test.TestState.Sources.Add(("/b/Outer.cs", @"
namespace N
{
    public class Outer
    {
        public sealed class VersionVector : {|DIST104:System.IComparable|}
        {
            public int CompareTo(object? other) => 0;
        }
    }
}"));
            test.TestState.ExpectedDiagnostics.Clear();
            await test.RunAsync();
        }

        [Fact]
        public async Task Generated_code_attributes_count_as_the_driver_counts_them()
        {
            // The driver treats a type declared in several parts as hand-written even when one part is marked
            // [GeneratedCode] (its ordering in the other part, and a nested clock's, is flagged), but skips an
            // operator that is itself marked.
            var test = new AnalyzerVerifier<VectorClockTotalOrderAnalyzer>.Test();
            test.TestState.Sources.Add(@"
[System.CodeDom.Compiler.GeneratedCode(""tool"", ""1.0"")]
public sealed partial class VectorClock
{
}
[System.CodeDom.Compiler.GeneratedCode(""tool"", ""1.0"")]
public partial class Outer
{
}");
            test.TestState.Sources.Add(@"
using System.Collections.Generic;
using System.Linq;
public sealed partial class VectorClock : {|DIST104:System.IComparable<VectorClock>|}
{
    public int CompareTo(VectorClock? other) => 0;
}
public partial class Outer
{
    public sealed class VersionVector : {|DIST104:System.IComparable|}
    {
        public int CompareTo(object? other) => 0;
    }
}
public sealed class GridClock
{
    public Dictionary<string, long> Entries { get; } = new();
    public long Total => Entries.Values.Sum();
    [System.CodeDom.Compiler.GeneratedCode(""tool"", ""1.0"")]
    public static bool operator <(GridClock a, GridClock b) => a.Total < b.Total;
    public static bool operator {|DIST104:>|}(GridClock a, GridClock b) => a.Total > b.Total;
}");
            await test.RunAsync();
        }

        /// <summary>
        /// Sorted collections keyed by a clock are found wherever their type is written (a field's type, a local, a base
        /// list, a using alias), once each (a comment that writes one is no finding), but not in a member marked
        /// [GeneratedCode] nor inside a test double, as the driver's syntax action sees them.
        /// </summary>
        [Fact]
        public Task Sorted_collections_of_clocks_are_found_where_the_driver_would_see_them() => Verify.VerifyAsync(@"
using System.Collections.Generic;
using Ordered = System.Collections.Generic.SortedSet<{|DIST104:VectorClock|}>;

public sealed class VectorClock
{
    public Dictionary<string, long> Entries { get; } = new();
}

public class History : SortedSet<{|DIST104:VectorClock|}>
{
    // SortedSet<VectorClock> in a comment is not a type.
    private readonly SortedSet<{|DIST104:VectorClock|}> seen = new(), other = new();
    [System.CodeDom.Compiler.GeneratedCode(""tool"", ""1.0"")]
    private readonly SortedSet<VectorClock> generated = new();
    [System.CodeDom.Compiler.GeneratedCode(""tool"", ""1.0"")]
    public void Generated() { var local = new SortedDictionary<VectorClock, int>(); }
    public void Hand() { var local = new SortedDictionary<{|DIST104:VectorClock|}, int>(); Ordered o = new(); }
}

public class FakeHistory : SortedSet<VectorClock>
{
    private readonly SortedSet<VectorClock> seen = new();
}");
}
}
