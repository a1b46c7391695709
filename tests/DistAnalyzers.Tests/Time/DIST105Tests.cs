using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Time;
using DistAnalyzers.Tests.Verifiers;
using DistAnalyzers.Time;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Time.WallClockForElapsedTimeAnalyzer>;
using VerifyFix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Time.WallClockForElapsedTimeAnalyzer, DistAnalyzers.CodeFixes.Time.WallClockForElapsedTimeCodeFix>;

namespace DistAnalyzers.Tests.Time
{
    public sealed class DIST105Tests
    {
        private const string Key = WallClockForElapsedTimeCodeFix.UseMonotonicClockKey;

        [Fact]
        public Task Differences_of_now_readings_are_flagged()
        {
            var source = @"using System;
class C
{
    TimeSpan M(DateTimeOffset other)
    {
        var start = DateTime.UtcNow;
        DateTimeOffset startOffset = DateTimeOffset.Now;
        DateTime later;
        later = start;
        var a = {|DIST105:DateTime.UtcNow - start|};
        var b = DateTimeOffset.Now.{|DIST105:Subtract|}(startOffset);
        var c = {|DIST105:DateTime.Now - later|};
        var d = {|DIST105:DateTime.UtcNow - (start + TimeSpan.FromSeconds(1))|};
        return a + b + c + d;
    }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Private_fields_count_only_when_every_assignment_is_a_now_reading()
        {
            var source = @"using System;
partial class Uptime
{
    private DateTime started = DateTime.UtcNow;
    private DateTime resetAt;
    private DateTime mixed = DateTime.UtcNow;
    public DateTime Exposed = DateTime.UtcNow;
    public Uptime() { resetAt = DateTime.UtcNow; }
    public TimeSpan Since => {|DIST105:DateTime.UtcNow - started|};
    public TimeSpan SinceReset => {|DIST105:DateTime.UtcNow - resetAt|};
    public TimeSpan Mixed => DateTime.UtcNow - mixed;
    public TimeSpan Public => DateTime.UtcNow - Exposed;
}
partial class Uptime
{
    public void Load(DateTime persisted) { mixed = persisted; }
}";
            return Verify.VerifyAsync(source);
        }

        [Theory]
        [InlineData("opened = DateTime.UtcNow;", true)]
        [InlineData("opened = restored;", false)]
        public async Task Private_fields_are_judged_over_partial_declarations_in_other_documents(string assignment, bool flagged)
        {
            var test = new AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.Test();
            var difference = flagged ? "{|DIST105:DateTime.UtcNow - opened|}" : "DateTime.UtcNow - opened";
            test.TestState.Sources.Add("using System; partial class Session { private DateTime opened = DateTime.UtcNow; public TimeSpan Age => " + difference + "; }");
            test.TestState.Sources.Add("using System; partial class Session { public void Reopen(DateTime restored) { " + assignment + " } }");
            await test.RunAsync();
        }

        [Fact]
        public async Task A_difference_of_fields_in_a_document_that_names_no_reading_is_flagged()
        {
            // The member holding the difference, and its whole document, write no Now or TickCount: the text check
            // must let it through (the type's other declaration writes the readings).
            var test = new AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.Test();
            test.TestState.Sources.Add("using System; partial class Job { private DateTime began; private DateTime ended; private DateTime last; public void Begin() { began = DateTime.UtcNow; } public void End() { ended = DateTime.UtcNow; } public void Mark() { last = DateTime.UtcNow; } }");
            test.TestState.Sources.Add("using System; partial class Job { public TimeSpan Took => {|DIST105:ended - began|}; public TimeSpan SinceMark() { var from = began; return {|DIST105:last - began|}; } }");
            await test.RunAsync();
        }

        [Fact]
        public Task A_nested_type_writing_the_field_disqualifies_it()
        {
            var source = @"using System;
class Outer
{
    private DateTime opened = DateTime.UtcNow;
    public TimeSpan Age => DateTime.UtcNow - opened;
    class Restorer { public void Restore(Outer o, DateTime when) { o.opened = when; } }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task A_field_difference_in_a_member_without_a_reading_name_is_flagged_in_the_same_document()
        {
            // Took writes no Now: the type-wide search (not the member search) must find it; the fields are written in
            // a constructor, a lambda and a field initializer.
            var source = @"using System;
class Job
{
    private DateTime began = DateTime.UtcNow;
    private DateTime ended;
    private DateTime marked;
    private Action mark;
    public Job() { mark = () => marked = DateTime.UtcNow; }
    public void End() { ended = DateTime.UtcNow; mark(); }
    public TimeSpan Took => {|DIST105:ended - began|};
    public TimeSpan Marked() => marked.{|DIST105:Subtract|}(began);
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task A_nested_type_with_fields_is_judged_on_its_own()
        {
            var source = @"using System;
class Outer
{
    public int Count;
    class Inner
    {
        private DateTime began = DateTime.UtcNow;
        private DateTime ended;
        public void End() { ended = DateTime.UtcNow; }
        public TimeSpan Took => {|DIST105:ended - began|};
    }

    struct Other
    {
        private DateTime began;
        public TimeSpan Took(DateTime ended) => ended - began;
    }
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task A_nested_partial_type_over_two_documents_is_judged_over_both()
        {
            // The second document writes no reading name at all, and its nested part declares the flagged difference.
            var test = new AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.Test();
            test.TestState.Sources.Add("using System; partial class Outer { partial class Inner { private DateTime began = DateTime.UtcNow; private DateTime ended; public void End() { ended = DateTime.UtcNow; } } }");
            test.TestState.Sources.Add("using System; partial class Outer { partial class Inner { public TimeSpan Took => {|DIST105:ended - began|}; } class Plain { private DateTime began; public TimeSpan Took(DateTime ended) => ended - began; } }");
            await test.RunAsync();
        }

        [Fact]
        public async Task A_field_written_in_another_document_with_time_provider_counts_with_the_option()
        {
            // The readings are GetUtcNow calls in the first document only; the second writes no reading name.
            var test = new AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.Test();
            test.TestState.Sources.Add("using System; partial class Lease { private readonly TimeProvider clock; private DateTimeOffset acquired; private DateTimeOffset released; public Lease(TimeProvider clock) { this.clock = clock; } public void Acquire() { acquired = clock.GetUtcNow(); } public void Release() { released = clock.GetUtcNow(); } }");
            test.TestState.Sources.Add("using System; partial class Lease { public TimeSpan Held => {|DIST105:released - acquired|}; }");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.EditorConfig("dist_analyzers.DIST105.include_time_provider = true")));
            await test.RunAsync();

            var off = new AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.Test();
            off.TestState.Sources.Add(test.TestState.Sources[0].content.ToString());
            off.TestState.Sources.Add("using System; partial class Lease { public TimeSpan Held => released - acquired; }");
            await off.RunAsync();
        }

        [Fact]
        public async Task A_tick_count_field_in_a_member_without_a_reading_name_is_flagged()
        {
            var source = @"using System;
class Pump
{
    private long started = Environment.TickCount;
    private long stopped;
    public void Stop() { stopped = Environment.TickCount; }
    public long Took => {|DIST105:stopped - started|};
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Top_level_statements_read_a_field_of_a_declared_program_part()
        {
            return AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.VerifyProgramAsync(@"using System;
Console.WriteLine({|DIST105:DateTime.UtcNow - started|});
partial class Program
{
    private static DateTime started = DateTime.UtcNow;
}
");
        }

        [Fact]
        public Task Primary_constructor_base_arguments_read_static_fields()
        {
            var source = @"using System;
class Base { public Base(TimeSpan t) { } }
class Derived() : Base({|DIST105:ended - began|})
{
    private static DateTime began = DateTime.UtcNow;
    private static DateTime ended = DateTime.UtcNow;
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Fix_difference_on_a_private_field_lists_its_uses_in_every_member()
        {
            var source = @"using System;
using System.Diagnostics;
class Uptime
{
    private DateTime started;
    public Uptime() { started = DateTime.UtcNow; }
    public TimeSpan Since => {|DIST105:DateTime.UtcNow - started|};
    public TimeSpan Again() { return {|DIST105:DateTime.UtcNow - started|}; }
}";
            var fixedSource = @"using System;
using System.Diagnostics;
class Uptime
{
    private long started;
    public Uptime() { started = Stopwatch.GetTimestamp(); }
    public TimeSpan Since => Stopwatch.GetElapsedTime(started);
    public TimeSpan Again() { return Stopwatch.GetElapsedTime(started); }
}";
            return VerifyFix.VerifyFixAsync(source, fixedSource, Key);
        }

        /// <summary>
        /// A type declared in one document is searched for forms through fields only when a member that writes a reading
        /// name also holds a simple assignment (or a field initializer writes one): here the assignments follow a lambda's
        /// <c>=&gt;</c>, an <c>==</c>, a <c>&gt;=</c> and a declaration's <c>=</c> in their members, and must still be found.
        /// </summary>
        [Fact]
        public async Task Field_writes_after_other_equals_signs_in_their_member_are_found()
        {
            var source = @"using System;
class Lease
{
    private DateTime granted;
    private DateTime renewed;
    public void Grant() => granted = DateTime.UtcNow;
    public void Renew(int n) { var ok = n >= 0; if (n == 1 && ok) renewed = DateTime.UtcNow; }
    public TimeSpan Held => {|DIST105:renewed - granted|};
}
class Order
{
    private DateTime placed;
    private int count;
    public object Place(int n) { var at = DateTime.UtcNow; count += n; return new { at, n }; }
    public TimeSpan Since(Order other) => placed - other.placed;
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Fields_written_in_an_object_initializer_or_through_a_parenthesized_target_count()
        {
            var source = @"using System;
class Job
{
    private DateTime began;
    private DateTime ended;
    public static Job Start() => new Job { began = DateTime.UtcNow };
    public void End() { (this.ended) = DateTime.UtcNow; }
    public TimeSpan Took => {|DIST105:ended - began|};
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task A_member_that_writes_only_tick_count_is_judged_through_wall_clock_fields()
        {
            var source = @"using System;
class Mixed
{
    private DateTime began = DateTime.UtcNow;
    private DateTime ended;
    public void End() { ended = DateTime.UtcNow; }
    public long Ticks() { var t = Environment.TickCount; return {|DIST105:(long)Environment.TickCount - t|}; }
    public TimeSpan Took() { var t = Environment.TickCount; return t > 0 ? ended.{|DIST105:Subtract|}(began) : TimeSpan.Zero; }
    public TimeSpan Since() { var s = DateTime.UtcNow; var t = s; return t < s ? {|DIST105:DateTime.UtcNow - t|} : TimeSpan.Zero; }
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Fields_written_only_in_their_initializers_count()
        {
            var source = @"using System;
class Span
{
    private DateTime began = DateTime.UtcNow, ended = DateTime.UtcNow;
    private static readonly DateTime loaded = DateTime.UtcNow;
    public TimeSpan Took => {|DIST105:ended - began|};
    public TimeSpan Up() => began.{|DIST105:Subtract|}(loaded);
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Top_level_statements_in_a_document_without_a_reading_name_read_fields_of_a_program_part()
        {
            var test = new AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.Test();
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.TestState.Sources.Add("System.Console.WriteLine({|DIST105:ended - began|});");
            test.TestState.Sources.Add("using System; partial class Program { private static DateTime began = DateTime.UtcNow; private static DateTime ended = DateTime.UtcNow; }");
            await test.RunAsync();
        }

        [Fact]
        public async Task Fields_written_through_another_instance_or_an_escaped_name_count()
        {
            var source = @"using System;
class Job
{
    private DateTime began;
    private DateTime ended;
    private DateTime endedAt;
    public static Job Start() { var job = new Job(); job.began = DateTime.UtcNow; return job; }
    public void End() { @ended = DateTime.UtcNow; /* ended = never */ endedAt = DateTime.UtcNow; }
    public TimeSpan Took => {|DIST105:ended - began|};
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Top_level_statements_are_analysed()
        {
            return AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.VerifyProgramAsync(@"using System;
var start = DateTime.UtcNow;
Console.WriteLine({|DIST105:DateTime.UtcNow - start|});
var deadline = DateTime.UtcNow.AddSeconds(1);
while ({|DIST105:DateTime.UtcNow < deadline|}) { }
");
        }

        [Fact]
        public Task Deadlines_compared_with_now_in_a_loop_or_a_wait_are_flagged()
        {
            var source = @"using System;
using System.Threading;
class C
{
    private DateTime until = DateTime.UtcNow.AddMinutes(1);
    void M(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ({|DIST105:DateTime.UtcNow < deadline|}) { Thread.Sleep(10); }
        var end = DateTimeOffset.UtcNow + timeout;
        SpinWait.SpinUntil(() => {|DIST105:DateTimeOffset.UtcNow >= end|});
        do { } while ({|DIST105:until > DateTime.UtcNow|});
        var start = DateTime.UtcNow;
        for (var i = 0; {|DIST105:DateTime.UtcNow <= start + timeout|}; i++) { }
        if (DateTime.UtcNow > deadline) { throw new TimeoutException(); }
    }
}";
            return Verify.VerifyAsync(source);
        }

        /// <summary>
        /// Only members that write a clock reading and a -, a &lt;, a &gt; other than a lambda's =&gt;, or Subtract are
        /// searched (Place, which only passes a reading on, is not): a subtraction written only as Subtract, a
        /// comparison inside a lambda, and a deadline field waited for in a loop are each still found.
        /// </summary>
        [Fact]
        public Task Members_that_only_store_a_reading_are_skipped_but_every_written_form_is_found()
        {
            var source = @"using System;
using System.Threading;
record Order(int Id, DateTimeOffset PlacedAt);
class C
{
    private DateTime until = DateTime.UtcNow.AddMinutes(1);
    Order Place(int id) => new Order(id, DateTimeOffset.UtcNow);
    void Spin() { while ({|DIST105:DateTime.UtcNow < until|}) { Thread.Sleep(1); } }
    TimeSpan Took() { var start = DateTime.UtcNow; Thread.Sleep(1); return DateTime.UtcNow.{|DIST105:Subtract|}(start); }
    void Wait(TimeSpan timeout) { var end = DateTime.UtcNow + timeout; SpinWait.SpinUntil(() => {|DIST105:DateTime.UtcNow >= end|}); }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Tick_count_comparisons_widening_and_checked_subtraction_are_flagged()
        {
            var source = @"using System;
class C
{
    void M(int timeout)
    {
        var start = Environment.TickCount;
        long startLong = Environment.TickCount;
        var late = {|DIST105:Environment.TickCount >= start + timeout|};
        var after = {|DIST105:start < Environment.TickCount|};
        long a = {|DIST105:(long)Environment.TickCount - start|};
        long b = {|DIST105:Environment.TickCount - startLong|};
        int c = checked({|DIST105:Environment.TickCount - start|});
        int ok = Environment.TickCount - start;
        int ok2 = checked(unchecked(Environment.TickCount - start) + 1);
        var ok3 = Environment.TickCount - start >= timeout;
        uint ok4 = (uint)Environment.TickCount - (uint)start;
    }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Checked_compilation_flags_every_tick_subtraction()
        {
            var test = new AnalyzerVerifier<WallClockForElapsedTimeAnalyzer>.Test
            {
                TestCode = @"using System;
class C
{
    int M(int start) { var s = Environment.TickCount; return {|DIST105:Environment.TickCount - s|} + unchecked(Environment.TickCount - s); }
}",
            };
            test.SolutionTransforms.Add((solution, projectId) =>
            {
                var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
                return solution.WithProjectCompilationOptions(projectId, options.WithOverflowChecks(true));
            });
            await test.RunAsync();
        }

        [Theory]
        [InlineData("var expired = DateTime.UtcNow > notAfter; var age = DateTime.UtcNow - notAfter;")]
        [InlineData("var text = DateTime.UtcNow.ToString(\"o\"); stamp = DateTime.UtcNow; Console.WriteLine(DateTime.Now);")]
        [InlineData("var s = provider.GetUtcNow(); var e = provider.GetUtcNow() - s;")]
        [InlineData("var sw = Stopwatch.StartNew(); var t = Stopwatch.GetTimestamp(); var e = sw.Elapsed + Stopwatch.GetElapsedTime(t);")]
        [InlineData("var s = Environment.TickCount64; var e = Environment.TickCount64 - s; var late = Environment.TickCount64 > s + 5;")]
        [InlineData("var s = Environment.TickCount; int e = Environment.TickCount - s; var u = unchecked(Environment.TickCount - s);")]
        [InlineData("var deadline = DateTime.UtcNow.AddSeconds(1); if (DateTime.UtcNow > deadline) { }")]
        [InlineData("var s = MyLib.DateTime.UtcNow; var e = MyLib.DateTime.UtcNow - s; long w = (long)MyLib.Environment.TickCount - s; var c = MyLib.Environment.TickCount > s;")]
        [InlineData("while (DateTime.UtcNow < notAfter) { } while (DateTime.UtcNow < notAfter.AddDays(-1)) { }")]
        [InlineData("var offset = DateTime.Now - DateTime.UtcNow; var same = DateTimeOffset.Now.Subtract(DateTime.UtcNow);")]
        public Task Not_flagged(string statements)
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    private DateTime stamp;
    void M(DateTime notAfter, TimeProvider provider)
    {
        " + statements + @"
    }
}
namespace MyLib
{
    public static class DateTime { public static int UtcNow => 0; }
    public static class Environment { public static int TickCount => 0; }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task User_types_named_DateTime_and_Environment_are_not_the_framework_ones()
        {
            var source = @"namespace App
{
    public struct DateTime
    {
        public static DateTime UtcNow => default;
        public static System.TimeSpan operator -(DateTime a, DateTime b) => default;
        public static bool operator <(DateTime a, DateTime b) => false;
        public static bool operator >(DateTime a, DateTime b) => false;
        public DateTime AddSeconds(double s) => this;
    }
    public static class Environment { public static int TickCount => 0; }
    class C
    {
        void M()
        {
            var start = DateTime.UtcNow;
            var elapsed = DateTime.UtcNow - start;
            var deadline = DateTime.UtcNow.AddSeconds(1);
            while (DateTime.UtcNow < deadline) { }
            int t = Environment.TickCount;
            long w = (long)Environment.TickCount - t;
            var c = Environment.TickCount > t;
        }
    }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Nothing_is_reported_inside_a_test_double()
        {
            var source = @"using System;
class FakeClock
{
    TimeSpan M() { var s = DateTime.UtcNow; return DateTime.UtcNow - s; }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Test_double_words_option()
        {
            var source = @"using System;
class SystemClock
{
    TimeSpan M() { var s = DateTime.UtcNow; return {|DIST105:DateTime.UtcNow - s|}; }
}";
            await Verify.VerifyAsync(source);
            await Verify.VerifyAsync(source.Replace("{|DIST105:", string.Empty).Replace("|}", string.Empty), "dist_analyzers.DIST105.test_double_words = Clock");
        }

        [Fact]
        public async Task Include_time_provider_option_fallback_key_and_bad_value()
        {
            var source = @"using System;
class C
{
    TimeSpan M(TimeProvider provider) { var s = provider.GetUtcNow(); return {|DIST105:provider.GetUtcNow() - s|}; }
}";
            await Verify.VerifyAsync(source, "dist_analyzers.DIST105.include_time_provider = true");
            await Verify.VerifyAsync(source, "dist_analyzers.include_time_provider = true");
            await Verify.VerifyAsync(source.Replace("{|DIST105:", string.Empty).Replace("|}", string.Empty), "dist_analyzers.DIST105.include_time_provider = maybe");
            await VerifyFix.VerifyNoFixAsync(source, editorConfig: "dist_analyzers.DIST105.include_time_provider = true");
        }

        [Fact]
        public async Task Include_time_provider_counts_for_private_fields_written_in_another_member()
        {
            // Field writes are judged at the end of the type; the option of the files that use the field decides.
            var source = @"using System;
class Lease
{
    private readonly TimeProvider clock;
    private DateTimeOffset acquired;
    public Lease(TimeProvider clock) { this.clock = clock; }
    public void Acquire() { acquired = clock.GetUtcNow(); }
    public TimeSpan Held => {|DIST105:clock.GetUtcNow() - acquired|};
}";
            await Verify.VerifyAsync(source, "dist_analyzers.DIST105.include_time_provider = true");
            await Verify.VerifyAsync(source.Replace("{|DIST105:", string.Empty).Replace("|}", string.Empty));
        }

        [Fact]
        public Task Fix_difference_uses_get_elapsed_time_for_every_use_of_start()
        {
            var source = @"using System;
class C
{
    void M()
    {
        DateTime start = DateTime.UtcNow;
        Console.WriteLine({|DIST105:DateTime.UtcNow - start|});
        var total = DateTime.UtcNow.{|DIST105:Subtract|}(start);
        var begin = DateTimeOffset.Now;
        var again = {|DIST105:DateTimeOffset.Now - begin|};
    }
}";
            var fixedSource = @"using System;
using System.Diagnostics;
class C
{
    void M()
    {
        long start = Stopwatch.GetTimestamp();
        Console.WriteLine(Stopwatch.GetElapsedTime(start));
        var total = Stopwatch.GetElapsedTime(start);
        var begin = Stopwatch.GetTimestamp();
        var again = Stopwatch.GetElapsedTime(begin);
    }
}";
            return VerifyFix.VerifyFixAsync(source, fixedSource, Key);
        }

        [Fact]
        public Task Fix_difference_on_a_private_field()
        {
            var source = @"using System;
using System.Diagnostics;
class Uptime
{
    private DateTime started;
    public Uptime() { started = DateTime.UtcNow; }
    public void Reset() => started = DateTime.UtcNow;
    public TimeSpan Since => {|DIST105:DateTime.UtcNow - started|};
}";
            var fixedSource = @"using System;
using System.Diagnostics;
class Uptime
{
    private long started;
    public Uptime() { started = Stopwatch.GetTimestamp(); }
    public void Reset() => started = Stopwatch.GetTimestamp();
    public TimeSpan Since => Stopwatch.GetElapsedTime(started);
}";
            return VerifyFix.VerifyFixAsync(source, fixedSource, Key);
        }

        [Fact]
        public Task Fix_difference_without_get_elapsed_time_uses_start_new()
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    TimeSpan M()
    {
        var start = DateTime.UtcNow;
        return {|DIST105:DateTime.UtcNow - start|};
    }
}";
            var fixedSource = @"using System;
using System.Diagnostics;
class C
{
    TimeSpan M()
    {
        var start = Stopwatch.StartNew();
        return start.Elapsed;
    }
}";
            return VerifyFix.VerifyFixAsync(source, fixedSource, Key, references: TestReferences.NetStandard20);
        }

        [Fact]
        public Task No_fix_when_start_has_another_use_or_the_minuend_is_not_now()
        {
            var source = @"using System;
class C
{
    void M()
    {
        var start = DateTime.UtcNow;
        Console.WriteLine(start);
        var a = {|DIST105:DateTime.UtcNow - start|};
        var from = DateTime.UtcNow;
        var to = DateTime.UtcNow;
        var b = {|DIST105:to - from|};
    }
}";
            return VerifyFix.VerifyNoFixAsync(source);
        }

        [Fact]
        public Task Fix_deadline_measures_the_wait_with_a_stopwatch()
        {
            var source = @"using System;
using System.Diagnostics;
using System.Threading;
class C
{
    void M()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ({|DIST105:DateTime.UtcNow < deadline|}) { Thread.Sleep(10); }
    }

    void N(TimeSpan timeout, int start)
    {
        DateTimeOffset until = DateTimeOffset.UtcNow + timeout;
        do { Thread.Sleep(start); } while ({|DIST105:until > DateTimeOffset.UtcNow|});
        var second = DateTime.UtcNow.AddMilliseconds(start * 2);
        while ({|DIST105:DateTime.UtcNow <= second|}) { }
    }
}";
            var fixedSource = @"using System;
using System.Diagnostics;
using System.Threading;
class C
{
    void M()
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(5)) { Thread.Sleep(10); }
    }

    void N(TimeSpan timeout, int start)
    {
        long start2 = Stopwatch.GetTimestamp();
        do { Thread.Sleep(start); } while (timeout > Stopwatch.GetElapsedTime(start2));
        long start3 = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start3) <= TimeSpan.FromMilliseconds(start * 2)) { }
    }
}";
            return VerifyFix.VerifyFixAsync(source, fixedSource, Key);
        }

        [Fact]
        public async Task Fix_deadline_in_top_level_statements_avoids_the_names_of_other_statements()
        {
            // Top-level statements share one scope: 'start' of another statement is taken.
            var source = @"using System;
using System.Diagnostics;
var start = 5;
Console.WriteLine(start);
var deadline = DateTime.UtcNow.AddSeconds(1);
while ({|DIST105:DateTime.UtcNow < deadline|}) { }
";
            var fixedSource = @"using System;
using System.Diagnostics;
var start = 5;
Console.WriteLine(start);
long start2 = Stopwatch.GetTimestamp();
while (Stopwatch.GetElapsedTime(start2) < TimeSpan.FromSeconds(1)) { }
";
            var test = VerifyFix.Create(source, fixedSource, Key, editorConfig: null, references: null);
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task No_deadline_fix_when_the_deadline_has_another_use_or_get_elapsed_time_is_missing()
        {
            var source = @"using System;
class C
{
    void M()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ({|DIST105:DateTime.UtcNow < deadline|}) { }
        Console.WriteLine(deadline);
        var until = DateTime.UtcNow.AddMonths(1);
        while ({|DIST105:DateTime.UtcNow < until|}) { }
    }
}";
            await VerifyFix.VerifyNoFixAsync(source);
            var plain = @"using System;
class C
{
    void M()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ({|DIST105:DateTime.UtcNow < deadline|}) { }
    }
}";
            await VerifyFix.VerifyNoFixAsync(plain, references: TestReferences.NetStandard20);
        }

        [Fact]
        public Task Fix_tick_count_moves_to_tick_count_64()
        {
            var source = @"using System;
class C
{
    private int startedAt = Environment.TickCount;
    void Use(int ms) { }
    void M()
    {
        int start = Environment.TickCount;
        long elapsed = {|DIST105:(long)Environment.TickCount - start|};
        var begin = Environment.TickCount;
        int spent = checked({|DIST105:Environment.TickCount - begin|});
        Use(spent);
        var other = Environment.TickCount;
        if (checked({|DIST105:Environment.TickCount - other|}) > 1000) { }
        var t0 = Environment.TickCount;
        int took = checked({|DIST105:Environment.TickCount - t0|});
        if (took > 100) { }
        long uptime = {|DIST105:(long)Environment.TickCount - (long)startedAt|};
    }
}";
            var fixedSource = @"using System;
class C
{
    private long startedAt = Environment.TickCount64;
    void Use(int ms) { }
    void M()
    {
        long start = Environment.TickCount64;
        long elapsed = Environment.TickCount64 - start;
        var begin = Environment.TickCount64;
        int spent = (int)checked(Environment.TickCount64 - begin);
        Use(spent);
        var other = Environment.TickCount64;
        if (checked(Environment.TickCount64 - other) > 1000) { }
        var t0 = Environment.TickCount64;
        long took = checked(Environment.TickCount64 - t0);
        if (took > 100) { }
        long uptime = Environment.TickCount64 - startedAt;
    }
}";
            return VerifyFix.VerifyFixAsync(source, fixedSource, Key);
        }

        [Fact]
        public async Task No_tick_count_fix_for_comparisons_or_without_tick_count_64()
        {
            var source = @"using System;
class C
{
    void M()
    {
        var start = Environment.TickCount;
        var late = {|DIST105:Environment.TickCount > start + 100|};
        long begin = Environment.TickCount;
        long spent = {|DIST105:Environment.TickCount - begin|};
    }
}";
            await VerifyFix.VerifyNoFixAsync(source.Replace("long spent = {|DIST105:Environment.TickCount - begin|};", string.Empty).Replace("long begin = Environment.TickCount;", string.Empty));
            await VerifyFix.VerifyNoFixAsync(source, references: TestReferences.NetStandard20);
        }

        [Fact]
        public Task Readings_spelled_with_unicode_escapes_or_only_in_another_member_are_found()
        {
            // The analyzer skips types and members whose text holds no reading name (Now, TickCount): a name spelled
            // with a unicode escape, and a field written with a reading in one member and read in another, still count.
            var source = @"using System;
class Escaped
{
    TimeSpan M()
    {
        var start = DateTime.\u0055tc\u004Eow;
        var ticks = Environment.\u0054ickCount;
        long spent = {|DIST105:(long)Environment.\u0054ickCount - ticks|};
        return {|DIST105:DateTime.\u0055tc\u004Eow - start|};
    }
}
class Elsewhere
{
    private DateTime started;
    private DateTime stopped;
    public void Start() { started = DateTime.UtcNow; }
    public void Stop() { stopped = DateTime.UtcNow; }
    public TimeSpan Ran => {|DIST105:stopped - started|};
}
partial class Split
{
    private DateTime opened;
    private DateTime closed;
    public TimeSpan Age => {|DIST105:closed - opened|};
}
partial class Split
{
    public Split() { opened = DateTime.UtcNow; }
    public void Close() { closed = DateTime.UtcNow; }
}";
            return Verify.VerifyAsync(source);
        }

        private static string ManyDifferences(int uses, bool marked)
        {
            var body = new StringBuilder();
            for (var i = 0; i < uses; i++)
            {
                body.Append("        total += ").Append(marked ? "{|DIST105:DateTime.UtcNow - start|}" : "DateTime.UtcNow - start").Append(i % 2 == 0 ? ";\n" : " + TimeSpan.FromTicks(" + i + ");\n");
            }

            return "using System;\nclass C\n{\n    TimeSpan M()\n    {\n        DateTime start = DateTime.UtcNow;\n        var total = TimeSpan.Zero;\n" + body + "        return total;\n    }\n}";
        }

        [Fact]
        public Task Fix_rewrites_every_use_of_a_start_read_many_times()
        {
            var fixedSource = ManyDifferences(25, marked: false)
                .Replace("using System;\n", "using System;\nusing System.Diagnostics;\n")
                .Replace("DateTime start = DateTime.UtcNow;", "long start = Stopwatch.GetTimestamp();")
                .Replace("DateTime.UtcNow - start", "Stopwatch.GetElapsedTime(start)");
            return VerifyFix.VerifyFixAsync(ManyDifferences(25, marked: true), fixedSource, Key);
        }

        [Fact]
        public async Task Diagnostics_of_one_start_share_one_fix_encoding_and_carry_no_additional_locations()
        {
            // Each diagnostic's fix lists every use of the start local. As additional locations that is n locations on
            // each of n diagnostics, all checked by the driver (quadratic); as properties it is one shared object.
            const int uses = 400;
            var result = await AnalyzerRunner.RunAsync(new[] { new WallClockForElapsedTimeAnalyzer() }, ManyDifferences(uses, marked: false));
            Assert.Empty(result.Exceptions);
            var diagnostics = result.Dist.ToArray();
            Assert.Equal(uses, diagnostics.Length);
            var properties = diagnostics[0].Properties;
            var codes = properties[WallClockForElapsedTimeAnalyzer.EditsProperty]!.Split(',');
            var spans = properties[WallClockForElapsedTimeAnalyzer.SpansProperty]!.Split(',');
            Assert.Equal(uses + 2, codes.Length); // the reading, each difference, the declared type
            Assert.Equal(codes.Length, spans.Length);
            var tree = diagnostics[0].Location.SourceTree!;
            var text = tree.GetText().ToString();
            var first = spans[0].Split('+');
            Assert.Equal("DateTime.UtcNow", text.Substring(int.Parse(first[0], CultureInfo.InvariantCulture), int.Parse(first[1], CultureInfo.InvariantCulture)));
            foreach (var diagnostic in diagnostics)
            {
                Assert.Empty(diagnostic.AdditionalLocations);
                Assert.Same(properties, diagnostic.Properties);
            }
        }

        [Theory]
        [InlineData("x")]
        [InlineData("-1+2")]
        [InlineData("1+")]
        [InlineData("2147483647+1")]
        [InlineData("99999+1")]
        [InlineData("")]
        public async Task Fix_ignores_spans_that_do_not_parse_or_lie_outside_the_document(string badSpan)
        {
            var source = ManyDifferences(2, marked: false);
            var result = await AnalyzerRunner.RunAsync(new[] { new WallClockForElapsedTimeAnalyzer() }, source);
            var original = result.Dist.First();
            var spans = original.Properties[WallClockForElapsedTimeAnalyzer.SpansProperty]!.Split(',');
            spans[1] = badSpan;
            var tampered = Diagnostic.Create(original.Descriptor, original.Location, original.Properties.SetItem(WallClockForElapsedTimeAnalyzer.SpansProperty, string.Join(",", spans)), "x");

            using var workspace = new AdhocWorkspace();
            var document = workspace.CurrentSolution
                .AddProject("P", "P", LanguageNames.CSharp)
                .AddMetadataReferences(await AnalyzerRunner.ReferencesAsync())
                .AddDocument("Test0.cs", original.Location.SourceTree!.GetText(), filePath: "/Test0.cs");
            var tree = await document.GetSyntaxTreeAsync();
            var moved = Diagnostic.Create(tampered.Descriptor, Location.Create(tree!, original.Location.SourceSpan), tampered.Properties, "x");
            var actions = new List<CodeAction>();
            await new WallClockForElapsedTimeCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, moved, (a, _) => actions.Add(a), CancellationToken.None));
            Assert.NotEmpty(actions); // the codes and spans still pair up: the action is offered, and applying it must not throw
            foreach (var action in actions)
            {
                var operations = await action.GetOperationsAsync(CancellationToken.None);
                var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
                Assert.Equal(source, (await changed.GetTextAsync()).ToString());
            }
        }

        [Theory]
        [InlineData("using System; class C { void M() { var s = DateTime.UtcNow; var e = DateTime.UtcNow - ; } }")]
        [InlineData("using System; class C { void M() { var d = DateTime.UtcNow.AddSeconds(; while (DateTime.UtcNow < d) { } } }")]
        [InlineData("using System; class C { private DateTime f = ; TimeSpan P => DateTime.UtcNow - f; void M() { f = Unknown(); } }")]
        [InlineData("using System; class C { void M() { var s = Environment.TickCount; long e = (long)Environment.TickCount - ; checked(Environment.TickCount - s } }")]
        [InlineData("using System; partial class C { TimeSpan P => DateTime.UtcNow.Subtract(; } partial class C { private DateTime x = DateTime.UtcNow }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new WallClockForElapsedTimeAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }
    }
}
