using System.Threading.Tasks;
using DistAnalyzers.Tests.Verifiers;
using DistAnalyzers.Time;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Time.CausalityFromLamportTimestampsAnalyzer>;

namespace DistAnalyzers.Tests.Time
{
    public sealed class DIST103Tests
    {
        [Fact]
        public Task Bool_verdict_method_comparing_integer_clock_members_is_flagged() => Verify.VerifyAsync(@"
public sealed class Event
{
    public long Lamport { get; set; }
    public int ProcessId { get; set; }
}

public static class Causality
{
    public static bool {|DIST103:IsConcurrent|}(Event a, Event b) => a.Lamport == b.Lamport;

    public static bool {|DIST103:HappenedBefore|}(Event a, Event b) => a.Lamport < b.Lamport;

    public static bool {|DIST103:CausallyPrecedes|}(Event a, Event b)
    {
        // A process-id tie-breaker makes a total order, not causality.
        return a.Lamport < b.Lamport || (a.Lamport == b.Lamport && a.ProcessId < b.ProcessId);
    }
}");

        [Fact]
        public Task Parameters_carrying_a_clock_word_are_scalar_clocks() => Verify.VerifyAsync(@"
public static class Causality
{
    public static bool {|DIST103:AreConcurrent|}(int clockA, int clockB) => clockA == clockB;

    public static bool {|DIST103:HappensBefore|}(long senderLamport, long receiverLamport)
    {
        var mine = senderLamport;
        return mine < receiverLamport;
    }

    public static System.Threading.Tasks.Task<bool> {|DIST103:IsConcurrentAsync|}(long timestampA, long timestampB) =>
        System.Threading.Tasks.Task.FromResult(timestampA == timestampB);
}");

        [Fact]
        public Task Enum_verdict_with_a_Concurrent_member_is_flagged() => Verify.VerifyAsync(@"
public enum Ordering { Before, After, Concurrent }

public sealed class Message
{
    public long LamportTime { get; set; }
}

public static class Causality
{
    public static Ordering {|DIST103:Compare|}(Message a, Message b)
    {
        if (a.LamportTime < b.LamportTime) return Ordering.Before;
        if (a.LamportTime > b.LamportTime) return Ordering.After;
        return Ordering.Concurrent;
    }
}");

        [Fact]
        public Task Values_of_a_scalar_clock_type_holding_one_integer_are_flagged() => Verify.VerifyAsync(@"
public readonly record struct LamportTimestamp(long Value);

public sealed class LamportClock : System.IComparable<LamportClock>
{
    private long time;
    public long Time => time;
    public int CompareTo(LamportClock? other) => time.CompareTo(other?.time ?? 0);
}

public static class Causality
{
    public static bool {|DIST103:IsConcurrent|}(LamportTimestamp a, LamportTimestamp b) => a == b;

    public static bool {|DIST103:HappenedBefore|}(LamportTimestamp a, LamportTimestamp b) => a.Value < b.Value;

    public static bool {|DIST103:ConcurrentWith|}(LamportClock a, LamportClock b) => a.CompareTo(b) == 0;

    public static bool {|DIST103:CausallyPrecedes|}(LamportClock a, LamportClock b) => a.Time < b.Time;
}");

        [Theory]
        // Vector-clock comparisons, element-wise over an array.
        [InlineData(@"
public static class Causality
{
    public static bool HappenedBefore(int[] clockA, int[] clockB)
    {
        var strictly = false;
        for (var i = 0; i < clockA.Length; i++)
        {
            if (clockA[i] > clockB[i]) return false;
            if (clockA[i] < clockB[i]) strictly = true;
        }
        return strictly;
    }
}")]
        // Vector-clock comparisons, element-wise over a dictionary.
        [InlineData(@"
using System.Collections.Generic;
public enum Ordering { Before, After, Equal, Concurrent }
public sealed class VectorClock
{
    public Dictionary<string, long> Clock { get; } = new();
    public Ordering Compare(VectorClock other)
    {
        bool le = true, ge = true;
        foreach (var pair in Clock)
        {
            other.Clock.TryGetValue(pair.Key, out var theirs);
            if (pair.Value < theirs) ge = false;
            if (pair.Value > theirs) le = false;
        }
        foreach (var pair in other.Clock)
        {
            Clock.TryGetValue(pair.Key, out var mine);
            if (mine < pair.Value) ge = false;
            if (mine > pair.Value) le = false;
        }
        return le && ge ? Ordering.Equal : le ? Ordering.Before : ge ? Ordering.After : Ordering.Concurrent;
    }
}")]
        // Lamport timestamps under non-causal names: (L, pid) ordering is their correct use.
        [InlineData(@"
public sealed class Request : System.IComparable<Request>
{
    public long Lamport { get; set; }
    public int ProcessId { get; set; }
    public int CompareTo(Request? other) => other is null ? 1 : Lamport != other.Lamport ? Lamport.CompareTo(other.Lamport) : ProcessId.CompareTo(other.ProcessId);
    public bool Precedes(Request other) => Lamport < other.Lamport || (Lamport == other.Lamport && ProcessId < other.ProcessId);
    public bool OrderBefore(Request other) => Lamport < other.Lamport;
    public bool IsEarlier(Request other) => Lamport <= other.Lamport;
    public int Compare(Request other) => Lamport.CompareTo(other.Lamport);
}")]
        // A verdict method that compares nothing clock-like, or a clock with a constant.
        [InlineData(@"
public sealed class Node
{
    public int Id { get; set; }
    public long Lamport { get; set; }
    public bool IsConcurrent(Node other) => Id != other.Id;
    public bool HappenedBefore(Node other) => Lamport == 0;
}")]
        // A bool method with a causal-looking name that is not a verdict name.
        [InlineData(@"
public sealed class Node
{
    public long Lamport { get; set; }
    public bool Concurrently(Node other) => Lamport == other.Lamport;
    public bool IsConcurrentFlagSet(Node other) => Lamport == other.Lamport;
}")]
        // A type named like a scalar clock that holds more than one integer is not a scalar clock value.
        [InlineData(@"
public readonly record struct LamportTimestamp(long Time, int Node);
public static class Causality
{
    public static bool IsConcurrent(LamportTimestamp a, LamportTimestamp b) => a == b;
}")]
        // No diagnostic inside a test double.
        [InlineData(@"
public sealed class FakeCausality
{
    public long Lamport { get; set; }
    public bool IsConcurrent(FakeCausality other) => Lamport == other.Lamport;
}")]
        public Task Not_flagged(string source) => Verify.VerifyAsync(source);

        [Fact]
        public async Task Options_change_the_word_lists()
        {
            const string source = @"
public sealed class Stamp
{
    public long Tick { get; set; }
    public bool IsConcurrent(Stamp other) => Tick == other.Tick;
    public bool Overlaps(Stamp other) => Tick == other.Tick;
}";
            await Verify.VerifyAsync(source);
            await Verify.VerifyAsync(source.Replace("bool IsConcurrent", "bool {|DIST103:IsConcurrent|}"), "dist_analyzers.DIST103.scalar_clock_words = Tick");
            await Verify.VerifyAsync(
                source.Replace("bool Overlaps", "bool {|DIST103:Overlaps|}").Replace("bool IsConcurrent", "bool {|DIST103:IsConcurrent|}"),
                "dist_analyzers.scalar_clock_words = Tick\ndist_analyzers.DIST103.verdict_method_words = IsConcurrent, Overlaps");
        }

        [Fact]
        public async Task Scalar_clock_type_words_option_and_empty_list()
        {
            const string source = @"
public readonly record struct Tock(long Value);
public static class Causality
{
    public static bool IsConcurrent(Tock a, Tock b) => a == b;
    public static bool AreConcurrent(long lamportA, long lamportB) => lamportA == lamportB;
}";
            await Verify.VerifyAsync(
                source.Replace("bool IsConcurrent", "bool {|DIST103:IsConcurrent|}").Replace("bool AreConcurrent", "bool {|DIST103:AreConcurrent|}"),
                "dist_analyzers.DIST103.scalar_clock_type_words = Tock");

            // A value replaces the default list: an empty list turns the name-based form off.
            await Verify.VerifyAsync(source, "dist_analyzers.DIST103.scalar_clock_words = ,");
        }

        [Fact]
        public Task User_types_named_like_BCL_types_do_not_matter() => Verify.VerifyAsync(@"
namespace My.Threading.Tasks
{
    public sealed class Task<T> { }
}

namespace App
{
    public static class Causality
    {
        // Task<bool> here is the user's type, not System.Threading.Tasks.Task<T>: not a bool verdict.
        public static My.Threading.Tasks.Task<bool> IsConcurrentAsync(long lamportA, long lamportB) => new My.Threading.Tasks.Task<bool>();
    }
}");

        [Theory]
        [InlineData("class C { bool IsConcurrent(long lamportA, long lamportB) => lamportA == ; }")]
        [InlineData("class C { bool HappenedBefore(Unknown a, Unknown b) => a.Lamport < b.Lamport; }")]
        [InlineData("enum O { Concurrent } class C { O Compare(long clockA, long clockB) { if (clockA < ) return O.Concurrent; } }")]
        [InlineData("class C { bool IsConcurrent(")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new CausalityFromLamportTimestampsAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }

        [Fact]
        public async Task Enum_verdicts_declared_in_another_file_and_configured_async_verdict_names_are_flagged()
        {
            var test = new AnalyzerVerifier<CausalityFromLamportTimestampsAnalyzer>.Test();
            test.TestState.Sources.Add("public enum Relation { Before, After, Same, Concurrent }");
            test.TestState.Sources.Add(@"
using System.Threading.Tasks;
public sealed class Stamp
{
    public long Lamport { get; set; }
    public Relation? {|DIST103:Relate|}(Stamp other) => Lamport < other.Lamport ? Relation.Before : Relation.After;
    public Task<Relation> {|DIST103:RelateLater|}(Stamp other) => Task.FromResult(Lamport == other.Lamport ? Relation.Concurrent : Relation.Before);
    public Task<bool> {|DIST103:OverlapsAsync|}(Stamp other) => Task.FromResult(Lamport == other.Lamport);
}");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", AnalyzerVerifier<CausalityFromLamportTimestampsAnalyzer>.EditorConfig("dist_analyzers.DIST103.verdict_method_words = Overlaps")));
            await test.RunAsync();
        }
    

        /// <summary>The library of <see cref="Enum_verdicts_of_a_referenced_library_are_flagged"/>: enums with a Concurrent member, one nested in a generic type.</summary>
        private const string LibrarySource = @"namespace Lib
{
    public enum Relation { Before, After, Concurrent }
    public static class Outer { public enum Nested { Concurrent, Other } }
    public sealed class Holder<T> { public enum Kind { Before, Concurrent } }
    public enum Plain { Before, After }
}";

        private static readonly System.Lazy<Task<Microsoft.CodeAnalysis.CSharp.CSharpCompilation>> Library = new(() => AnalyzerRunner.LibraryAsync("Clocks", LibrarySource));

        /// <summary>
        /// Enums with a Concurrent member declared in a referenced library are verdicts, whether the library is read from
        /// metadata (an assembly image) or is another compilation (a project reference in the IDE), and named by a simple,
        /// qualified or nested name; an enum without one is not. (Only the declarations that write the name of a type
        /// with a Concurrent field, or an alias, are looked at: reading source only would miss these.)
        /// </summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task Enum_verdicts_of_a_referenced_library_are_flagged(bool fromImage)
        {
            var library = await Library.Value;
            var reference = fromImage ? AnalyzerRunner.ImageOf(library) : library.ToMetadataReference();

            var test = new Verify.Test
            {
                TestCode = @"
using Lib;
public sealed class Stamp
{
    public long Lamport { get; set; }
    public Relation {|DIST103:Relate|}(Stamp other) => Lamport < other.Lamport ? Relation.Before : Relation.After;
    public Outer.Nested {|DIST103:RelateNested|}(Stamp other) => Lamport == other.Lamport ? Outer.Nested.Concurrent : Outer.Nested.Other;
    public Holder<int>.Kind {|DIST103:RelateHeld|}(Stamp other) => Lamport == other.Lamport ? Holder<int>.Kind.Concurrent : Holder<int>.Kind.Before;
    public Plain Order(Stamp other) => Lamport < other.Lamport ? Plain.Before : Plain.After;
}",
            };
            test.TestState.AdditionalReferences.Add(reference);
            await test.RunAsync();
        }

        /// <summary>
        /// A global using alias declared in one file names an enum declared in a second, in a third file whose text writes
        /// neither the enum's name nor an alias of its own: still a verdict. A class with a field named Concurrent is not
        /// an enum, so a method returning it is not.
        /// </summary>
        [Fact]
        public async Task Enum_verdicts_named_by_a_global_alias_of_another_file_are_flagged()
        {
            var test = new AnalyzerVerifier<CausalityFromLamportTimestampsAnalyzer>.Test();
            test.TestState.Sources.Add("global using Rel = Model.Relation;");
            test.TestState.Sources.Add("namespace Model { public enum Relation { Before, After, Concurrent } public sealed class Mode { public bool Concurrent; } }");
            test.TestState.Sources.Add(@"
public sealed class Stamp
{
    public long Lamport { get; set; }
    public Rel {|DIST103:Relate|}(Stamp other) => Lamport < other.Lamport ? Rel.Before : Rel.After;
    public Model.Mode Choose(Stamp other) => Lamport < other.Lamport ? new Model.Mode() : new Model.Mode { Concurrent = true };
}");
            await test.RunAsync();
        }

        [Fact]
        public Task Verdicts_returned_through_aliases_and_qualified_names_are_flagged() => Verify.VerifyAsync(@"
using Flag = System.Boolean;
using Rel = Relation;
public enum Relation { Before, After, Concurrent }
public interface IOrder { bool IsConcurrent(long other); }
public sealed class Stamp : IOrder
{
    public long Lamport { get; set; }
    public Flag {|DIST103:HappenedBefore|}(Stamp other) => Lamport < other.Lamport;
    public Rel {|DIST103:Relate|}(Stamp other) => Lamport < other.Lamport ? Rel.Before : Rel.After;
    public System.Boolean {|DIST103:AreConcurrent|}(Stamp other) => Lamport == other.Lamport;
    bool IOrder.IsConcurrent(long other) => Lamport == other; // an explicit implementation is not an ordinary method
}");

        /// <summary>
        /// Enum verdicts are found wherever the method's body is declared: a partial method's body in the file that writes
        /// it (its definition in another file, or beside it), a part of a partial type, a nested type, a record, a struct
        /// and an interface's default method.
        /// </summary>
        [Fact]
        public async Task Enum_verdicts_in_partial_types_and_methods_and_nested_types_are_flagged()
        {
            var test = new AnalyzerVerifier<CausalityFromLamportTimestampsAnalyzer>.Test();
            test.TestState.Sources.Add(@"
public enum Relation { Before, After, Concurrent }
public sealed partial class Stamp
{
    public long Lamport { get; set; }
    public partial Relation Relate(Stamp other);
    public partial Relation RelateHere(Stamp other);
    public partial Relation {|DIST103:RelateHere|}(Stamp other) => Lamport < other.Lamport ? Relation.Before : Relation.After;
}");
            test.TestState.Sources.Add(@"
public sealed partial class Stamp
{
    public partial Relation {|DIST103:Relate|}(Stamp other) => Lamport < other.Lamport ? Relation.Before : Relation.After;
    public Relation {|DIST103:RelateOther|}(Stamp other) => Lamport == other.Lamport ? Relation.Concurrent : Relation.Before;
    public sealed class Inner
    {
        public long Lamport { get; set; }
        public Relation {|DIST103:Relate|}(Inner other) => Lamport < other.Lamport ? Relation.Before : Relation.After;
    }
}
public sealed record Event(long Lamport)
{
    public Relation {|DIST103:Relate|}(Event other) => Lamport < other.Lamport ? Relation.Before : Relation.After;
}
public struct Point
{
    public long Lamport;
    public Relation {|DIST103:Relate|}(Point other) => Lamport < other.Lamport ? Relation.Before : Relation.After;
}
public interface IStamped
{
    long Lamport { get; }
    Relation {|DIST103:Relate|}(IStamped other) => Lamport < other.Lamport ? Relation.Before : Relation.After;
}");
            await test.RunAsync();
        }

        /// <summary>
        /// Only methods named like a verdict or whose written return type may be an enum are looked at: every way of
        /// writing an enum return type (global- and type-qualified, through Nullable&lt;&gt;, ValueTask&lt;&gt;, ref) is
        /// still found; a keyword, array, tuple or other generic return type is not a verdict.
        /// </summary>
        [Fact]
        public Task Enum_verdicts_written_in_every_form_are_flagged() => Verify.VerifyAsync(@"
using System.Threading.Tasks;
public static class Outer { public enum Relation { Before, After, Concurrent } }
public sealed class Stamp
{
    private Outer.Relation last;
    public long Lamport { get; set; }
    public global::Outer.Relation {|DIST103:RelateGlobal|}(Stamp other) => Lamport < other.Lamport ? Outer.Relation.Before : Outer.Relation.After;
    public System.Nullable<Outer.Relation> {|DIST103:RelateMaybe|}(Stamp other) => Lamport == other.Lamport ? Outer.Relation.Concurrent : null;
    public ValueTask<Outer.Relation?> {|DIST103:RelateLater|}(Stamp other) => new ValueTask<Outer.Relation?>(Lamport < other.Lamport ? Outer.Relation.Before : Outer.Relation.After);
    public ref Outer.Relation {|DIST103:RelateInPlace|}(Stamp other) { last = Lamport < other.Lamport ? Outer.Relation.Before : Outer.Relation.After; return ref last; }
    public int Compare(Stamp other) => Lamport < other.Lamport ? -1 : 1;
    public Outer.Relation[] RelateAll(Stamp other) => new[] { Lamport < other.Lamport ? Outer.Relation.Before : Outer.Relation.After };
    public (Outer.Relation, int) RelateWithCount(Stamp other) => (Lamport < other.Lamport ? Outer.Relation.Before : Outer.Relation.After, 1);
}");

        /// <summary>
        /// A return type that is a type parameter of the method or of its own type is never an enum, so those methods are
        /// not looked at (no symbol asked); an enclosing type's type parameter may be hidden by a nested enum of the
        /// same name, which is then still found.
        /// </summary>
        [Fact]
        public Task Type_parameter_returns_are_skipped_but_a_nested_enum_hiding_an_outer_one_is_not() => Verify.VerifyAsync(@"
using System.Threading.Tasks;
public sealed class Stamp
{
    public long Lamport { get; set; }
    public T Pick<T>(Stamp other, T before, T after) => Lamport < other.Lamport ? before : after;
}
public sealed class Box<T> where T : struct
{
    public long Lamport { get; set; }
    public Task<T?> Relate(Box<T> other, T before) => Task.FromResult<T?>(Lamport < other.Lamport ? before : null);
}
public sealed class Outer<Relation>
{
    public sealed class Inner
    {
        public enum Relation { Before, After, Concurrent }
        public long Lamport { get; set; }
        public Relation {|DIST103:Order|}(Inner other) => Lamport < other.Lamport ? Relation.Before : Relation.After;
    }
}");
    }
}