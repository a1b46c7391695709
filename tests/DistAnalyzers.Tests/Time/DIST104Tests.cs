using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Time;
using DistAnalyzers.Tests.Verifiers;
using DistAnalyzers.Time;
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
    }
}
