using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Time;
using DistAnalyzers.Tests.Verifiers;
using DistAnalyzers.Time;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Time.LocalTimeInCrossMachineTimestampAnalyzer>;
using VerifyFix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Time.LocalTimeInCrossMachineTimestampAnalyzer, DistAnalyzers.CodeFixes.Time.LocalTimeInCrossMachineTimestampCodeFix>;

namespace DistAnalyzers.Tests.Time
{
    public sealed class DIST106Tests
    {
        private const string Types = @"
public class OrderMessage { public System.DateTime CreatedAt { get; set; } public long Ticks; }
public record PingRequest(System.DateTime SentAt);
[System.Runtime.Serialization.DataContract] public class Order { [System.Runtime.Serialization.DataMember] public System.DateTime Placed { get; set; } }
public class Audit { [System.Text.Json.Serialization.JsonPropertyName(""at"")] public System.DateTime At { get; set; } }
public class OrderPlacedEvent { public System.DateTime At { get; set; } }
public class TickedEventArgs : System.EventArgs { public System.DateTime At { get; set; } }
public class FakeMessage { public System.DateTime At { get; set; } }
public class Screen { public System.DateTime Shown { get; set; } }
";

        [Fact]
        public Task Nested_types_are_analysed_on_their_own()
        {
            // The rule searches only members that write Now or Today: a nested type's members are its own (reported
            // once); a type without the name around or beside one with it reports nothing.
            var source = @"using System;
class Outer
{
    class Inner
    {
        void M(OrderMessage msg) { msg.CreatedAt = {|DIST106:DateTime.Now|}; }
    }

    void Quiet(OrderMessage msg, DateTime at) { msg.CreatedAt = at; }
}
class WithNow
{
    DateTime Stamp() => DateTime.Now;
    class Plain
    {
        void M(OrderMessage msg, DateTime at) { msg.CreatedAt = at; }
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Top_level_statements_are_analysed()
        {
            return AnalyzerVerifier<LocalTimeInCrossMachineTimestampAnalyzer>.VerifyProgramAsync(@"using System;
var msg = new OrderMessage();
msg.CreatedAt = {|DIST106:DateTime.Now|};
" + Types);
        }

        [Fact]
        public Task Stores_into_message_members_are_flagged()
        {
            var source = @"using System;
class C
{
    void M(OrderMessage msg, PingRequest ping)
    {
        msg.CreatedAt = {|DIST106:DateTime.Now|};
        var order = new OrderMessage { CreatedAt = {|DIST106:DateTime.Today|} };
        var p = new PingRequest({|DIST106:DateTime.Now|});
        var q = ping with { SentAt = {|DIST106:DateTime.Now|} };
        var o = new Order { Placed = {|DIST106:DateTime.Now|} };
        var a = new Audit { At = {|DIST106:DateTime.Now|} - TimeSpan.Zero };
        msg.Ticks = {|DIST106:DateTime.Now|}.Ticks;
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Readings_written_through_a_static_import_into_types_of_another_document_are_flagged()
        {
            // The text check looks for Now/Today as whole words in the member: a static import writes them bare,
            // a field initializer and a lambda hold them, and the message types are declared in the other document.
            var test = new AnalyzerVerifier<LocalTimeInCrossMachineTimestampAnalyzer>.Test();
            test.TestState.Sources.Add(@"using System;
using static System.DateTime;
class Stamper
{
    private readonly OrderMessage initial = new OrderMessage { CreatedAt = {|DIST106:Now|} };
    private readonly Func<PingRequest> ping = () => { var day = {|DIST106:Today|}; return new PingRequest(day); };
    void M(OrderMessage msg) => msg.CreatedAt = {|DIST106:DateTime.Now|};
}");
            test.TestState.Sources.Add(Types);
            await test.RunAsync();
        }

        [Fact]
        public Task Writes_are_flagged()
        {
            var source = @"using System;
using System.IO;
using System.Text.Json;
class C
{
    void M(BinaryWriter writer)
    {
        writer.Write({|DIST106:DateTime.Now|}.Ticks);
        var bytes = BitConverter.GetBytes({|DIST106:DateTime.Today|}.Ticks);
        var json = JsonSerializer.Serialize({|DIST106:DateTime.Now|});
        var json2 = JsonSerializer.Serialize(new { At = {|DIST106:DateTime.Now|}, Id = 1 });
        var content = System.Net.Http.Json.JsonContent.Create({|DIST106:DateTime.Now|});
    }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Through_a_local_the_reading_is_reported_once()
        {
            var source = @"using System;
class C
{
    void M(OrderMessage a, OrderMessage b)
    {
        var now = {|DIST106:DateTime.Now|};
        DateTime later = now + TimeSpan.FromSeconds(1);
        a.CreatedAt = now;
        b.CreatedAt = later;
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Theory]
        [InlineData("msg.CreatedAt = DateTimeOffset.Now.DateTime;")]
        [InlineData("msg.CreatedAt = DateTime.Now.ToUniversalTime();")]
        [InlineData("msg.CreatedAt = DateTime.UtcNow;")]
        [InlineData("var shown = DateTime.Now; Console.WriteLine(shown); screen.Shown = shown;")]
        [InlineData("var e = new OrderPlacedEvent { At = DateTime.Now };")]
        [InlineData("var e = new TickedEventArgs { At = DateTime.Now };")]
        [InlineData("var f = new FakeMessage { At = DateTime.Now };")]
        [InlineData("var d = MyLib.DateTime.Now; msg.Ticks = d;")]
        [InlineData("var other = DateTime.Now; var copy = other.AddDays(1); msg.CreatedAt = copy;")]
        public Task Not_flagged(string statements)
        {
            var source = @"using System;
class C
{
    void M(OrderMessage msg, Screen screen)
    {
        " + statements + @"
    }
}
namespace MyLib { public static class DateTime { public static long Now => 0; } }" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task A_user_type_named_DateTime_is_not_the_framework_one()
        {
            var source = @"namespace App
{
    public struct DateTime { public static DateTime Now => default; public static DateTime Today => default; }
    public class OrderMessage { public DateTime CreatedAt { get; set; } }
    class C
    {
        void M(OrderMessage msg) { msg.CreatedAt = DateTime.Now; var o = new OrderMessage { CreatedAt = DateTime.Today }; }
    }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Nothing_is_reported_inside_a_test_double()
        {
            var source = @"using System;
class StubClock
{
    void M(OrderMessage msg) { msg.CreatedAt = DateTime.Now; }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Fix_replaces_now_and_today()
        {
            var source = @"using System;
class C
{
    void M(OrderMessage msg, PingRequest ping)
    {
        msg.CreatedAt = {|DIST106:DateTime.Now|};
        var p = new PingRequest({|DIST106:System.DateTime.Today|});
        var stamp = {|DIST106:DateTime.Now|};
        msg.CreatedAt = stamp;
        var q = ping with { SentAt = stamp };
    }
}" + Types;
            var fixedSource = @"using System;
class C
{
    void M(OrderMessage msg, PingRequest ping)
    {
        msg.CreatedAt = DateTime.UtcNow;
        var p = new PingRequest(System.DateTime.UtcNow.Date);
        var stamp = DateTime.UtcNow;
        msg.CreatedAt = stamp;
        var q = ping with { SentAt = stamp };
    }
}" + Types;
            return VerifyFix.VerifyFixAsync(source, fixedSource, LocalTimeInCrossMachineTimestampCodeFix.UseUtcNowKey);
        }

        [Fact]
        public Task No_fix_when_the_local_has_another_use()
        {
            var source = @"using System;
class C
{
    void M(OrderMessage msg)
    {
        var stamp = {|DIST106:DateTime.Now|};
        msg.CreatedAt = stamp;
        Console.WriteLine(stamp);
    }
}" + Types;
            return VerifyFix.VerifyNoFixAsync(source);
        }

        [Fact]
        public async Task Message_type_words_option_and_fallback_key()
        {
            var source = @"using System;
class C
{
    void M(Payload p, OrderMessage msg) { p.At = {|DIST106:DateTime.Now|}; msg.CreatedAt = DateTime.Now; }
}
public class Payload { public DateTime At { get; set; } }" + Types;
            await Verify.VerifyAsync(source, "dist_analyzers.DIST106.message_type_words = Payload");
            await Verify.VerifyAsync(source, "dist_analyzers.message_type_words = Payload");
        }

        [Fact]
        public Task Test_double_words_option()
        {
            var source = @"using System;
class C
{
    void M(FakeMessage f, OrderMessage msg) { f.At = {|DIST106:DateTime.Now|}; msg.CreatedAt = DateTime.Now; }
}" + Types;
            return Verify.VerifyAsync(source, "dist_analyzers.test_double_words = Order");
        }

        [Fact]
        public Task Readings_spelled_without_the_plain_name_in_the_member_are_found()
        {
            // The block text pre-check must not hide a reading: a unicode escape spells Now differently, a using
            // static drops the type name, and initializers and lambdas are blocks of their own or inside one.
            var source = @"using System;
using static System.DateTime;
class C
{
    public OrderMessage Initial { get; } = new OrderMessage { CreatedAt = {|DIST106:DateTime.Now|} };
    void Escaped(OrderMessage msg) { msg.CreatedAt = {|DIST106:DateTime.N\u006Fw|}; }
    void Static(OrderMessage msg) { msg.CreatedAt = {|DIST106:Today|}; }
    void InLambda(OrderMessage msg) { Action a = () => { var at = {|DIST106:DateTime.Now|}; msg.CreatedAt = at; }; }
    void Unrelated(OrderMessage msg) { var UtcNowish = DateTime.UtcNow; msg.CreatedAt = UtcNowish; }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Theory]
        [InlineData("using System; class C { void M(OrderMessage m) { m.CreatedAt = DateTime. ; } } public class OrderMessage { public System.DateTime CreatedAt; }")]
        [InlineData("using System; class C { void M(OrderMessage m) { var x = DateTime.Now; m.CreatedAt = x m.CreatedAt = } } public class OrderMessage { public System.DateTime CreatedAt; }")]
        [InlineData("using System; class C { void M() { new Unknown { At = DateTime.Now }; System.Text.Json.JsonSerializer.Serialize(; } }")]
        [InlineData("using System; public record R(DateTime At, ; class C { void M() { var r = new R(DateTime.Now, ); } }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new LocalTimeInCrossMachineTimestampAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }
    }
}
