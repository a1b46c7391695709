using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Time;
using DistAnalyzers.Tests.Verifiers;
using DistAnalyzers.Time;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Time.MonotonicClockCrossesProcessAnalyzer>;
using VerifyFix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Time.MonotonicClockCrossesProcessAnalyzer, DistAnalyzers.CodeFixes.Time.MonotonicClockCrossesProcessCodeFix>;

namespace DistAnalyzers.Tests.Time
{
    public sealed class DIST101Tests
    {
        private const string Types = @"
public class PingMessage { public long SentAt { get; set; } public long OriginTimestamp { get; set; } public int Ticks32; public System.DateTime At { get; set; } public System.TimeSpan Uptime { get; set; } }
public class HeartbeatPacket { public HeartbeatPacket(long sentAt) { SentAt = sentAt; } public long SentAt { get; } }
public record PongReply(long SentAt, long EchoTimestamp);
[System.Runtime.Serialization.DataContract] public class Tick { [System.Runtime.Serialization.DataMember] public long Stamp { get; set; } }
public class Trace { [System.Text.Json.Serialization.JsonInclude] public long Stamp; public long Local; }
public class TimerElapsedEvent { public long At { get; set; } }
public class TickEventArgs : System.EventArgs { public long At { get; set; } }
public class MockMessage { public long At { get; set; } }
public class Sampler { public long Last { get; set; } }
";

        [Fact]
        public async Task Readings_stored_into_message_types_of_another_document_are_flagged()
        {
            // The message types are declared only in the other document; each member writes its reading in an
            // unusual form (a local in a lambda, a static import, a process-wide stopwatch, a comparison).
            var test = new AnalyzerVerifier<MonotonicClockCrossesProcessAnalyzer>.Test();
            test.TestState.Sources.Add(@"using System;
using System.Diagnostics;
using static System.Environment;
class Sender
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    Func<PingMessage> Make => () => { var t = TickCount64; return new PingMessage { SentAt = {|DIST101:t|} }; };
    void Up(PingMessage m) => m.Uptime = {|DIST101:Clock.Elapsed|};
    bool Late(PingMessage m) => {|DIST101:Stopwatch.GetTimestamp() > m.SentAt|};
}");
            test.TestState.Sources.Add(Types);
            await test.RunAsync();
        }

        [Fact]
        public Task Nested_types_are_analysed_on_their_own()
        {
            // The rule searches only members that write a reading name: a nested type's stores are its own
            // (reported once); an outer type without a reading around a nested one with it reports nothing.
            var source = @"using System.Diagnostics;
class Outer
{
    class Inner
    {
        void M(PingMessage msg) { msg.SentAt = {|DIST101:Stopwatch.GetTimestamp()|}; }
    }

    void Quiet(PingMessage msg, long t) { msg.SentAt = t; }
}
class WithReading
{
    long Now() => Stopwatch.GetTimestamp();
    class Plain
    {
        void M(PingMessage msg, long t) { msg.SentAt = t; }
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Top_level_statements_are_analysed()
        {
            return AnalyzerVerifier<MonotonicClockCrossesProcessAnalyzer>.VerifyProgramAsync(@"using System.Diagnostics;
var msg = new PingMessage();
msg.SentAt = {|DIST101:Stopwatch.GetTimestamp()|};
" + Types);
        }

        [Fact]
        public Task Stores_into_message_members_are_flagged()
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    void M(PingMessage msg, PongReply pong)
    {
        msg.SentAt = {|DIST101:Stopwatch.GetTimestamp()|};
        var a = new PingMessage { SentAt = {|DIST101:Environment.TickCount64|} };
        var b = new HeartbeatPacket({|DIST101:Stopwatch.GetTimestamp()|});
        var c = new PongReply({|DIST101:Environment.TickCount|}, 0);
        var d = pong with { SentAt = {|DIST101:Stopwatch.GetTimestamp() + 10|} };
        var e = new Tick { Stamp = {|DIST101:Stopwatch.GetTimestamp()|} };
        var f = new Trace { Stamp = {|DIST101:Environment.TickCount64|}, Local = Environment.TickCount64 };
        msg.At = new DateTime({|DIST101:Stopwatch.GetTimestamp()|});
        msg.Ticks32 = {|DIST101:Environment.TickCount|};
    }
}
public class TimedMessage { public long Stamp = {|DIST101:System.Diagnostics.Stopwatch.GetTimestamp()|}; }" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Message_types_are_recognised_by_attribute_interface_and_member_attribute()
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    void M(Snapshot s, Vote v, Frame f, Probe p, Slot slot, Box b)
    {
        s.At = {|DIST101:Stopwatch.GetTimestamp()|};
        v.At = {|DIST101:Stopwatch.GetTimestamp()|};
        f.At = {|DIST101:Stopwatch.GetTimestamp()|};
        p.At = {|DIST101:Stopwatch.GetTimestamp()|};
        slot.At = {|DIST101:Stopwatch.GetTimestamp()|};
        b.At = {|DIST101:Stopwatch.GetTimestamp()|};
        var derived = new DerivedSnapshot { At = {|DIST101:Environment.TickCount64|} };
    }
}
[Serializable] public class Snapshot { public long? At; }
public class DerivedSnapshot : Snapshot { }
[ProtoBuf.ProtoContract] public class Vote { public long At { get; set; } }
[MessagePack.MessagePackObject] public class Frame { public long At { get; set; } }
public class Probe : Google.Protobuf.IMessage { public long At { get; set; } }
public class Slot { [MessagePack.Key(0)] public long At { get; set; } }
[Orleans.GenerateSerializer] public class Box { public long At { get; set; } }
namespace ProtoBuf { public sealed class ProtoContractAttribute : System.Attribute { } }
namespace MessagePack
{
    public sealed class MessagePackObjectAttribute : System.Attribute { }
    public sealed class KeyAttribute : System.Attribute { public KeyAttribute(int index) { } }
}
namespace Google.Protobuf { public interface IMessage { } }
namespace Orleans { public sealed class GenerateSerializerAttribute : System.Attribute { } }";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Through_a_local_the_stored_reference_is_reported()
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    void M(PingMessage msg, PingMessage other, bool flag)
    {
        var now = Stopwatch.GetTimestamp();
        long later;
        if (flag) { later = now + 5; } else { later = now; }
        msg.SentAt = {|DIST101:now|};
        other.SentAt = {|DIST101:later|};
        var ticks = new DateTime(Stopwatch.GetTimestamp());
        msg.At = {|DIST101:ticks|};
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Any_number_of_local_hops_and_conversions_are_followed()
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    void M(PingMessage msg)
    {
        var a = Stopwatch.GetTimestamp();
        var b = a;
        long c;
        c = checked(b + TimeSpan.TicksPerSecond);
        msg.SentAt = {|DIST101:c|};
        int t = Environment.TickCount;
        long widened = t;
        msg.SentAt = {|DIST101:(long)unchecked(widened - 5)|};
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Theory]
        [InlineData("var x = Stopwatch.GetTimestamp() * 2; msg.SentAt = x;")]
        [InlineData("var y = Math.Max(Stopwatch.GetTimestamp(), 0); msg.SentAt = y;")]
        [InlineData("var (p, q) = (Stopwatch.GetTimestamp(), 0L); msg.SentAt = p;")]
        [InlineData("long r = Stopwatch.GetTimestamp(); Update(ref r); msg.SentAt = r;")]
        [InlineData("long o; Read(out o); msg.SentAt = o;")]
        [InlineData("long w = Stopwatch.GetTimestamp(); Action reset = () => w = 0; msg.SentAt = w;")]
        [InlineData("long v = Stopwatch.GetTimestamp(); void Reset() => v = 0; msg.SentAt = v;")]
        [InlineData("stamp = Stopwatch.GetTimestamp(); msg.SentAt = stamp;")]
        [InlineData("msg.SentAt = Now();")]
        [InlineData("msg.SentAt = parameter;")]
        [InlineData("long z = Stopwatch.GetTimestamp(); z = 0; msg.SentAt = z;")]
        public Task Tracking_ends_at_arithmetic_calls_tuples_refs_lambdas_fields_returns_and_parameters(string statements)
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    private long stamp;
    static void Update(ref long value) { }
    static void Read(out long value) { value = Stopwatch.GetTimestamp(); }
    static long Now() => Stopwatch.GetTimestamp();
    void M(PingMessage msg, long parameter)
    {
        " + statements + @"
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Writes_are_flagged()
        {
            var source = @"using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
class C
{
    void M(BinaryWriter writer, Span<byte> buffer)
    {
        writer.Write({|DIST101:Stopwatch.GetTimestamp()|});
        var bytes = BitConverter.GetBytes({|DIST101:Environment.TickCount|});
        BinaryPrimitives.WriteInt64LittleEndian(buffer, {|DIST101:Environment.TickCount64|});
        var json = JsonSerializer.Serialize({|DIST101:Stopwatch.GetTimestamp()|});
        var json2 = JsonSerializer.Serialize(new { At = {|DIST101:Stopwatch.GetTimestamp()|}, Id = 1 });
        var json3 = JsonSerializer.Serialize(new Sampler { Last = {|DIST101:Environment.TickCount64|} });
        var content = System.Net.Http.Json.JsonContent.Create({|DIST101:Environment.TickCount64|});
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Writes_through_a_derived_writer_and_a_local_are_flagged()
        {
            var source = @"using System;
using System.Diagnostics;
using System.IO;
class FrameWriter : BinaryWriter { public FrameWriter(Stream s) : base(s) { } }
class C
{
    void M(FrameWriter writer, PingMessage msg)
    {
        var start = Stopwatch.GetTimestamp();
        writer.Write({|DIST101:start|});
        var t = Environment.TickCount;
        if ({|DIST101:t > msg.SentAt|}) { }
        Console.WriteLine(Stopwatch.GetTimestamp());
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Comparisons_with_a_message_member_are_flagged()
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    bool M(PingMessage msg, PongReply pong)
    {
        var now = Stopwatch.GetTimestamp();
        var late = {|DIST101:now - msg.SentAt|} > 1000;
        var a = {|DIST101:Stopwatch.GetTimestamp() < msg.SentAt|};
        var b = {|DIST101:msg.SentAt >= Environment.TickCount64|};
        var c = {|DIST101:pong.SentAt == now|};
        var d = {|DIST101:now <= pong.SentAt|} || {|DIST101:now > pong.SentAt|};
        return late && a && b && c && d;
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Process_wide_stopwatch_readings_are_flagged()
        {
            var source = @"using System;
using System.Diagnostics;
static class MonotonicClock
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    public static void Stamp(PingMessage msg)
    {
        msg.SentAt = {|DIST101:Clock.ElapsedMilliseconds|};
        msg.Uptime = {|DIST101:Clock.Elapsed|};
        msg.OriginTimestamp = 0;
        var s = new Sampler { Last = Clock.ElapsedTicks };
    }
}
class Restarted
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    public void Stamp(PingMessage msg)
    {
        msg.SentAt = Clock.ElapsedMilliseconds;
        msg.Uptime = Clock.Elapsed;
        Clock.Restart();
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        /// <summary>
        /// The text gate passes over an <c>Elapsed</c>/<c>ElapsedMilliseconds</c> read from a local or a parameter (never a
        /// reading) but not one read from a field of the same name outside the local's block, nor a local's
        /// <c>ElapsedTicks</c> (a raw tick duration). Each member below writes no other reading name.
        /// </summary>
        [Fact]
        public Task Elapsed_of_locals_and_parameters_is_told_from_a_process_wide_field_of_the_same_name() => Verify.VerifyAsync(@"using System;
using System.Diagnostics;
class C
{
    private static readonly Stopwatch sw = Stopwatch.StartNew();
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    void Sibling(PingMessage msg, bool timed)
    {
        if (timed)
        {
            var sw = Stopwatch.StartNew();
            msg.SentAt = sw.ElapsedMilliseconds;
        }
        else
        {
            msg.SentAt = {|DIST101:sw.ElapsedMilliseconds|};
        }
    }

    void Parameter(PingMessage msg, Stopwatch Clock) => msg.Uptime = Clock.Elapsed;

    void InLambda(PingMessage msg) => Action<Stopwatch>(local => msg.Uptime = local.Elapsed);

    void Loops(PingMessage msg, Stopwatch[] all)
    {
        foreach (var one in all) msg.SentAt = one.ElapsedMilliseconds;
        for (var i = Stopwatch.StartNew(); msg.SentAt < 10; ) msg.SentAt = i.ElapsedMilliseconds;
        using (var u = new Lease()) msg.SentAt = {|DIST101:Clock.ElapsedMilliseconds|};
    }

    void LocalTicks(PingMessage msg)
    {
        var timer = Stopwatch.StartNew();
        msg.SentAt = {|DIST101:timer.ElapsedTicks|};
    }

    void FieldBesideLocal(PingMessage msg)
    {
        var local = Stopwatch.StartNew();
        msg.SentAt = local.ElapsedMilliseconds;
        msg.Uptime = {|DIST101:C.Clock.Elapsed|};
    }

    static void Action<T>(Action<T> a) { }
    sealed class Lease : IDisposable { public void Dispose() { } }
}" + Types);

        [Fact]
        public async Task Raw_tick_durations_are_flagged_with_the_units_message()
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    void M(PingMessage msg, Stopwatch sw)
    {
        var start = Stopwatch.GetTimestamp();
        msg.SentAt = {|DIST101:Stopwatch.GetTimestamp() - start|};
        var ticks = Stopwatch.GetTimestamp() - start;
        msg.SentAt = {|DIST101:ticks|};
        msg.SentAt = {|DIST101:sw.ElapsedTicks|};
        msg.SentAt = {|DIST101:Clock.ElapsedTicks|};
    }
}" + Types;
            await Verify.VerifyAsync(source);
            var result = await AnalyzerRunner.RunAsync(new[] { new MonotonicClockCrossesProcessAnalyzer() }, source.Replace("{|DIST101:", string.Empty).Replace("|}", string.Empty));
            var messages = result.Dist.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToArray();
            Assert.Equal(4, messages.Length);
            Assert.All(messages.Take(3), m => Assert.Contains("Stopwatch.Frequency", m));
            Assert.DoesNotContain("Stopwatch.Frequency", messages[3]);
        }

        [Fact]
        public Task Time_provider_readings_are_flagged()
        {
            var source = @"using System;
class C
{
    void M(PingMessage msg, TimeProvider provider)
    {
        msg.SentAt = {|DIST101:provider.GetTimestamp()|};
        msg.Uptime = provider.GetElapsedTime(provider.GetTimestamp());
    }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Theory]
        [InlineData("msg.Uptime = Stopwatch.GetElapsedTime(start);")]
        [InlineData("msg.Uptime = provider.GetElapsedTime(start);")]
        [InlineData("msg.Uptime = sw.Elapsed; msg.SentAt = sw.ElapsedMilliseconds; msg.SentAt = sw.Elapsed.Ticks;")]
        [InlineData("var t0 = Environment.TickCount; msg.SentAt = Environment.TickCount - t0; msg.SentAt = Environment.TickCount64 - Environment.TickCount64;")]
        [InlineData("var local = Stopwatch.GetTimestamp(); last = local; sampler.Last = local;")]
        [InlineData("msg.OriginTimestamp = Stopwatch.GetTimestamp(); var x = new PongReply(0, Stopwatch.GetTimestamp()); var late = Stopwatch.GetTimestamp() - x.EchoTimestamp;")]
        [InlineData("var e = new TimerElapsedEvent { At = Stopwatch.GetTimestamp() }; var a = new TickEventArgs { At = Environment.TickCount64 };")]
        [InlineData("var m = new MockMessage { At = Stopwatch.GetTimestamp() };")]
        [InlineData("msg.SentAt = MyLib.Stopwatch.GetTimestamp(); msg.SentAt = MyLib.Environment.TickCount64;")]
        [InlineData("msg.SentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(); var ok = msg.SentAt < 5;")]
        [InlineData("var unrelated = Stopwatch.GetTimestamp() - start > sampler.Last;")]
        public Task Not_flagged(string statements)
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    private long last;
    void M(PingMessage msg, Stopwatch sw, TimeProvider provider, Sampler sampler, long start)
    {
        " + statements + @"
    }
}
namespace MyLib
{
    public static class Stopwatch { public static long GetTimestamp() => 0; }
    public static class Environment { public static long TickCount64 => 0; }
}" + Types;
            return Verify.VerifyAsync(source, editorConfig: null, references: TestReferences.Net100);
        }

        [Fact]
        public Task A_user_type_named_Stopwatch_is_not_the_framework_one()
        {
            var source = @"namespace App
{
    public static class Stopwatch { public static long GetTimestamp() => 42; }
    public static class Environment { public static long TickCount64 => 42; }
    public class PingMessage { public long SentAt { get; set; } }
    class C
    {
        void M(PingMessage msg, System.IO.BinaryWriter writer)
        {
            msg.SentAt = Stopwatch.GetTimestamp();
            writer.Write(Environment.TickCount64);
            var late = Stopwatch.GetTimestamp() > msg.SentAt;
        }
    }
}";
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public Task Nothing_is_reported_inside_a_test_double()
        {
            var source = @"using System.Diagnostics;
class FakeTransport
{
    void Send(PingMessage msg) { msg.SentAt = Stopwatch.GetTimestamp(); var late = msg.SentAt < Stopwatch.GetTimestamp(); }
}" + Types;
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Rtt_words_option_and_fallback_key()
        {
            var source = @"using System.Diagnostics;
class C
{
    void M(PingMessage msg)
    {
        msg.OriginTimestamp = {|DIST101:Stopwatch.GetTimestamp()|};
        msg.SentAt = Stopwatch.GetTimestamp();
    }
}" + Types;
            await Verify.VerifyAsync(source, "dist_analyzers.DIST101.rtt_words = Sent");
            await Verify.VerifyAsync(source, "dist_analyzers.rtt_words = Sent");
        }

        [Fact]
        public Task Test_double_words_option()
        {
            var source = @"using System.Diagnostics;
class C
{
    void M(MockMessage mock, PingMessage msg) { mock.At = {|DIST101:Stopwatch.GetTimestamp()|}; msg.SentAt = Stopwatch.GetTimestamp(); }
}" + Types;
            return Verify.VerifyAsync(source, "dist_analyzers.test_double_words = Ping");
        }

        [Fact]
        public Task Message_type_words_option()
        {
            var source = @"using System.Diagnostics;
class C
{
    void M(Sampler s, PingMessage msg) { s.Last = {|DIST101:Stopwatch.GetTimestamp()|}; msg.SentAt = Stopwatch.GetTimestamp(); }
}" + Types;
            return Verify.VerifyAsync(source, "dist_analyzers.DIST101.message_type_words = Sampler");
        }

        [Fact]
        public Task Fix_sends_unix_milliseconds_and_utc_now()
        {
            var source = @"using System;
using System.Diagnostics;
using System.IO;
class C
{
    void M(PingMessage msg, BinaryWriter writer, TimeProvider provider)
    {
        msg.SentAt = {|DIST101:Stopwatch.GetTimestamp()|};
        var stamp = Environment.TickCount;
        var packet = new HeartbeatPacket({|DIST101:stamp|});
        writer.Write({|DIST101:Environment.TickCount64|});
        msg.OriginTimestamp = 0;
        var reply = new PongReply({|DIST101:provider.GetTimestamp()|}, 0);
        var viaLocal = provider.GetTimestamp();
        msg.SentAt = {|DIST101:viaLocal|};
        msg.At = new DateTime({|DIST101:Stopwatch.GetTimestamp()|});
        var ticks = Stopwatch.GetTimestamp();
        msg.At = new DateTime({|DIST101:ticks|}, DateTimeKind.Utc);
        var at = new DateTime(Environment.TickCount64);
        msg.At = {|DIST101:at|};
    }
}" + Types;
            var fixedSource = @"using System;
using System.Diagnostics;
using System.IO;
class C
{
    void M(PingMessage msg, BinaryWriter writer, TimeProvider provider)
    {
        msg.SentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var packet = new HeartbeatPacket(stamp);
        writer.Write(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        msg.OriginTimestamp = 0;
        var reply = new PongReply(provider.GetUtcNow().ToUnixTimeMilliseconds(), 0);
        var viaLocal = provider.GetUtcNow().ToUnixTimeMilliseconds();
        msg.SentAt = viaLocal;
        msg.At = DateTime.UtcNow;
        msg.At = DateTime.UtcNow;
        var at = DateTime.UtcNow;
        msg.At = at;
    }
}" + Types;
            return VerifyFix.VerifyFixAsync(source, fixedSource, MonotonicClockCrossesProcessCodeFix.UseWallClockKey);
        }

        [Fact]
        public Task No_fix_for_comparisons_raw_durations_other_destinations_and_shared_locals()
        {
            var source = @"using System;
using System.Diagnostics;
class C
{
    void M(PingMessage msg, Stopwatch sw)
    {
        var late = {|DIST101:Stopwatch.GetTimestamp() - msg.SentAt|} > 10;
        msg.SentAt = {|DIST101:sw.ElapsedTicks|};
        msg.Ticks32 = {|DIST101:Environment.TickCount|};
        var shared = Stopwatch.GetTimestamp();
        msg.SentAt = {|DIST101:shared|};
        Console.WriteLine(shared);
        int narrow = Environment.TickCount;
        msg.SentAt = {|DIST101:narrow|};
        msg.SentAt = {|DIST101:Stopwatch.GetTimestamp() + 1|};
    }
}" + Types;
            return VerifyFix.VerifyNoFixAsync(source);
        }

        [Theory]
        [InlineData("using System.Diagnostics; class C { void M(PingMessage m) { m.SentAt = Stopwatch.GetTimestamp( } } public class PingMessage { public long SentAt; }")]
        [InlineData("using System.Diagnostics; class C { void M(PingMessage m) { var x = Stopwatch.GetTimestamp(); m.SentAt = x m. } } public class PingMessage { public long SentAt; }")]
        [InlineData("using System; class C { bool M(PingMessage m) => Environment.TickCount64 < m.; } public class PingMessage { public long SentAt; }")]
        [InlineData("using System; class C { void M() { new Unknown(Environment.TickCount64) { At = }; System.Text.Json.JsonSerializer.Serialize(new { A = Environment.TickCount64, }); } }")]
        [InlineData("using System; public record R(long At, ; class C { void M() { var r = new R(Environment.TickCount64, ); var d = new DateTime(; } }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new MonotonicClockCrossesProcessAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }
    }
}
