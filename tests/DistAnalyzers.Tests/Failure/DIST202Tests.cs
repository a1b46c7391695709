using System.Threading.Tasks;
using DistAnalyzers.Failure;
using DistAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Failure.AggressiveFailureDetectorTimeoutAnalyzer>;
using VerifyFix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Failure.AggressiveFailureDetectorTimeoutAnalyzer, DistAnalyzers.Failure.AggressiveFailureDetectorTimeoutCodeFix>;

namespace DistAnalyzers.Tests.Failure
{
    public sealed class DIST202Tests
    {
        private const string Usings = @"using System;
using System.Threading;
";

        private const string Detectors = @"
public class DetectorOptions
{
    public TimeSpan HeartbeatInterval { get; set; }
    public TimeSpan SuspicionTimeout { get; set; }
    public TimeSpan ElectionTimeout { get; set; }
    public int RequestTimeoutMs { get; set; }
}
public class PhiDetector
{
    public PhiDetector(TimeSpan heartbeatInterval, TimeSpan failureTimeout) { }
    public void Start(int heartbeatIntervalMs, int electionTimeoutMs) { }
    public void Join(TimeSpan electionTimeout) { }
    public void Connect(int timeoutMs) { }
    public void Tune(int heartbeatIntervalMs, int heartbeatDelayMs, int suspicionTimeoutMs) { }
    public void Defaults(int suspicionTimeoutMs, int heartbeatIntervalMs = 100) { }
}
";

        [Fact]
        public Task Seed_example_is_flagged_by_the_minimum()
        {
            return Verify.VerifyAsync(Usings + @"
public class GossipConfig
{
    public const int HeartbeatIntervalMs = 10;
    public const int TimeoutMs = {|DIST202:30|};
}");
        }

        [Fact]
        public Task Messages_say_whether_the_ratio_or_the_minimum_fails()
        {
            return Verify.VerifyAsync(
                Usings + @"
public class GossipConfig { const int HeartbeatIntervalMs = 10; const int TimeoutMs = {|#0:30|}; }
public class RaftA { const int HeartbeatIntervalMs = 50; const int ElectionTimeoutMs = {|#1:150|}; }",
                Verify.Diagnostic("DIST202").WithLocation(0).WithArguments("TimeoutMs", "30 ms", "it is below the 150 ms minimum"),
                Verify.Diagnostic("DIST202").WithLocation(1).WithArguments("ElectionTimeoutMs", "150 ms", "it is less than 5 × the heartbeat interval 'HeartbeatIntervalMs' (50 ms)"));
        }

        [Fact]
        public Task Spec_examples_election_ratio_and_suspicion_ratio()
        {
            return Verify.VerifyAsync(Usings + @"
public class RaftA { const int HeartbeatIntervalMs = 50; const int ElectionTimeoutMs = {|DIST202:150|}; }
public class RaftB { const int HeartbeatIntervalMs = 50; const int ElectionTimeoutMs = 300; }
public class RaftC { const int HeartbeatIntervalMs = 100; const int ElectionTimeoutMs = 1000; }
public class SwimA { const int HeartbeatIntervalMs = 50; const int SuspicionTimeoutMs = 150; }
public class SwimB { const int HeartbeatIntervalMs = 50; const int SuspicionTimeoutMs = {|DIST202:140|}; }");
        }

        [Fact]
        public Task Every_constant_form_and_unit()
        {
            return Verify.VerifyAsync(Usings + @"
public class LeaseA
{
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan SuspicionTimeout { get; set; } = {|DIST202:TimeSpan.FromMilliseconds(100)|};
}
public class LeaseB
{
    private const int Beat = 1;
    private static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(Beat);
    private static readonly TimeSpan DeadTimeout = {|DIST202:TimeSpan.FromSeconds(Beat * 2)|};
}
public class LeaseC
{
    public double HeartbeatIntervalSeconds = 1;
    public double FailureTimeoutSeconds = {|DIST202:2.5|};
}
public class LeaseD
{
    public readonly TimeSpan HeartbeatEvery = new TimeSpan(0, 0, 1);
    public readonly TimeSpan TtlMinutes = TimeSpan.FromMinutes(1);
    public readonly TimeSpan ExpiryTimeout = {|DIST202:TimeSpan.FromMilliseconds(2000)|};
}
public class LeaseE
{
    public TimeSpan HeartbeatRate { get; } = TimeSpan.FromSeconds(1);
    public int SuspectAfterMs { get; } = {|DIST202:2000|};
}");
        }

        /// <summary>
        /// A constant is reported at its declaration wherever a call's timeout parameter, named in another file, pairs it:
        /// the file below names no timeout at all, so no text gate on the timeout words may skip its constants. A partial
        /// type's timeout declared in the other file is reported there. (Written for a gate of the type scope on the
        /// timeout words, which cost as much as it spared in perf and was dropped; a gate over the constants too failed
        /// this test.)
        /// </summary>
        [Fact]
        public async Task Files_without_timeout_names_still_report_constants_paired_by_a_call()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
public class Wiring
{
    private const int Beat = 50;
    private const int Limit = {|DIST202:100|};
    public void Run(Node node) => node.Start(Beat, Limit);
}
public partial class Cluster
{
    public TimeSpan HeartbeatInterval { get; } = TimeSpan.FromMilliseconds(100);
}",
            };
            test.TestState.Sources.Add(Usings + @"
public class Node { public void Start(int heartbeatIntervalMs, int electionTimeoutMs) { } }
public partial class Cluster
{
    public TimeSpan SuspicionTimeout { get; } = {|DIST202:TimeSpan.FromMilliseconds(200)|};
}");
            await test.RunAsync();
        }

        [Fact]
        public Task Ticks_are_counts_compared_only_with_counts()
        {
            return Verify.VerifyAsync(Usings + @"
public class EtcdA { public int HeartbeatTick = 2; public int ElectionTick = {|DIST202:5|}; }
public class EtcdB { public int HeartbeatTick = 1; public int ElectionTick = 10; }
public class EtcdC { public int HeartbeatTick = 1; public int ElectionTick = 3; public TimeSpan SuspicionTimeout = {|DIST202:TimeSpan.FromMilliseconds(100)|}; }
public class EtcdD { public int HeartbeatTick = 100; public int ElectionTimeoutMs = 200; }".Replace("ElectionTick = 3;", "ElectionTick = {|DIST202:3|};"));
        }

        [Fact]
        public Task Object_initializer_pairs()
        {
            return Verify.VerifyAsync(Usings + Detectors + @"
public class Setup
{
    public DetectorOptions A() => new DetectorOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(100), SuspicionTimeout = {|DIST202:TimeSpan.FromMilliseconds(200)|} };
    public DetectorOptions B() => new DetectorOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), ElectionTimeout = {|DIST202:TimeSpan.FromSeconds(3)|}, RequestTimeoutMs = 10 };
    public DetectorOptions C() => new DetectorOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), ElectionTimeout = TimeSpan.FromSeconds(5) };
}");
        }

        [Fact]
        public Task Object_initializer_pairs_with_the_options_class_default_heartbeat()
        {
            return Verify.VerifyAsync(Usings + @"
public class SwimOptions
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan SuspicionTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
public class TwoBeats
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan HeartbeatDelay { get; init; }
    public TimeSpan SuspicionTimeout { get; init; }
}
public class Setup
{
    public SwimOptions A() => new SwimOptions { SuspicionTimeout = {|DIST202:TimeSpan.FromSeconds(2)|} };
    public SwimOptions B() => new SwimOptions { SuspicionTimeout = TimeSpan.FromSeconds(3) };
    public TwoBeats C() => new TwoBeats { SuspicionTimeout = TimeSpan.FromSeconds(2) };
}");
        }

        [Fact]
        public Task Argument_list_pairs_and_named_arguments()
        {
            return Verify.VerifyAsync(Usings + Detectors + @"
public static class Tuning { public const int Fast = {|DIST202:120|}; }
public static class Timeouts { public const int ElectionTimeoutMs = {|DIST202:100|}; }
public static class FakeTimings { public const int Quick = 100; }
public class Setup
{
    public void Run(PhiDetector d)
    {
        d.Start(heartbeatIntervalMs: 50, electionTimeoutMs: Timeouts.ElectionTimeoutMs);
        d.Start(heartbeatIntervalMs: 40, electionTimeoutMs: Tuning.Fast);
        d.Start(heartbeatIntervalMs: 40, electionTimeoutMs: {|DIST202:FakeTimings.Quick|});
        var a = new PhiDetector(TimeSpan.FromSeconds(1), {|DIST202:TimeSpan.FromSeconds(2)|});
        var b = new PhiDetector(failureTimeout: {|DIST202:TimeSpan.FromMilliseconds(500)|}, heartbeatInterval: TimeSpan.FromMilliseconds(200));
        d.Start(heartbeatIntervalMs: 50, electionTimeoutMs: Tuning.Fast);
        d.Start(50, 400);
        d.Defaults({|DIST202:200|});
    }
}");
        }

        [Fact]
        public Task Standalone_election_or_suspicion_timeout_below_the_minimum()
        {
            return Verify.VerifyAsync(Usings + Detectors + @"
public class Setup
{
    public void Run(PhiDetector d)
    {
        d.Join({|DIST202:TimeSpan.FromMilliseconds(100)|});
        d.Join(TimeSpan.FromMilliseconds(150));
        d.Connect(50);
        d.Tune(100, 100, {|DIST202:100|});
        d.Tune(100, 100, 200);
    }
}
public class Node { public const int ElectionTimeoutMs = {|DIST202:100|}; public const int TimeoutMs = 100; }");
        }

        [Fact]
        public Task Constant_declared_in_another_document_is_reported_at_the_use_site()
        {
            var test = new AnalyzerVerifier<AggressiveFailureDetectorTimeoutAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + Detectors + @"
public class Setup
{
    public void Run(PhiDetector d) => d.Start(heartbeatIntervalMs: 50, electionTimeoutMs: {|DIST202:Tuning.Fast|});
}");
            test.TestState.Sources.Add("public static class Tuning { public const int Fast = 120; }");
            return test.RunAsync();
        }

        [Theory]
        [InlineData("public class C { const int HeartbeatIntervalMs = 10; public int TimeoutMs(int x) => x; int SuspicionTimeoutMs = DateTime.Now.Millisecond; }")] // not constant
        [InlineData("public class C { const int HeartbeatIntervalMs = 10; const int RequestTimeoutMs = 20; const int ConnectionTimeoutMs = 20; const int IdleTimeoutMs = 5; }")] // non-detection
        [InlineData("public class C { const int HeartbeatIntervalMs = 10; const int HeartbeatDelayMs = 10; const int TimeoutMs = 20; }")] // two heartbeats, not a standalone word
        [InlineData("public class C { const int HeartbeatInterval = 10; const int Timeout = 30; }")] // unknown unit: ratio only
        [InlineData("public class C { static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1); static readonly TimeSpan AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(10); }")]
        [InlineData("public class C { const int HeartbeatFrequency = 10; const int TimeoutMs = 20; }")] // Frequency/Rate only as TimeSpan
        [InlineData("public class C { const int HeartbeatIntervalMs = 1000; const int MaxFailures = 2; const int FailureThreshold = 1; const int ElectionTimeoutCount = 3; }")] // counts
        [InlineData("public class C { static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1); static readonly TimeSpan SuspicionTimeout = Timeout.InfiniteTimeSpan; }")] // infinite
        [InlineData("public class FakeDetector { const int HeartbeatIntervalMs = 10; const int TimeoutMs = 30; }")] // test double
        [InlineData("public class C { const int HeartbeatIntervalMs = 1000; const long TimeoutTicks = 3000; }")] // count vs ms
        public Task Not_flagged(string type)
        {
            return Verify.VerifyAsync(Usings + type);
        }

        [Fact]
        public Task Fix_raises_literals_in_their_unit_and_form()
        {
            const string Before = Usings + @"
public class A { const int HeartbeatIntervalMs = 10; const int TimeoutMs = {|DIST202:30|}; }
public class B { const int HeartbeatIntervalMs = 50; const int ElectionTimeoutMs = {|DIST202:150|}; }
public class C
{
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan SuspicionTimeout { get; set; } = {|DIST202:TimeSpan.FromMilliseconds(100)|};
}
public class D { static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(1); static readonly TimeSpan DeadTimeout = {|DIST202:TimeSpan.FromSeconds(2)|}; }
public class E { const double HeartbeatIntervalSec = 0.05; const double SuspicionTimeoutSec = {|DIST202:0.1|}; }
public class F { public int HeartbeatTick = 2; public int ElectionTick = {|DIST202:5|}; }
public class G { const float HeartbeatIntervalSeconds = 1f; const float FailureTimeoutSeconds = {|DIST202:1.5f|}; }
";
            const string After = Usings + @"
public class A { const int HeartbeatIntervalMs = 10; const int TimeoutMs = 150; }
public class B { const int HeartbeatIntervalMs = 50; const int ElectionTimeoutMs = 250; }
public class C
{
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan SuspicionTimeout { get; set; } = TimeSpan.FromMilliseconds(150);
}
public class D { static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(1); static readonly TimeSpan DeadTimeout = TimeSpan.FromSeconds(3); }
public class E { const double HeartbeatIntervalSec = 0.05; const double SuspicionTimeoutSec = 0.15; }
public class F { public int HeartbeatTick = 2; public int ElectionTick = 10; }
public class G { const float HeartbeatIntervalSeconds = 1f; const float FailureTimeoutSeconds = 3f; }
";
            return VerifyFix.VerifyFixAsync(Before, After, AggressiveFailureDetectorTimeoutCodeFix.RaiseTimeoutKey);
        }

        [Fact]
        public Task Fix_at_use_sites_and_for_standalone_timeouts()
        {
            const string Before = Usings + Detectors + @"
public static class Tuning { public const int Fast = {|DIST202:120|}; }
public class Setup
{
    public void Run(PhiDetector d)
    {
        d.Start(heartbeatIntervalMs: 50, electionTimeoutMs: Tuning.Fast);
        d.Join({|DIST202:TimeSpan.FromMilliseconds(100)|});
        var o = new DetectorOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), ElectionTimeout = {|DIST202:TimeSpan.FromSeconds(3)|} };
    }
}";
            const string After = Usings + Detectors + @"
public static class Tuning { public const int Fast = 250; }
public class Setup
{
    public void Run(PhiDetector d)
    {
        d.Start(heartbeatIntervalMs: 50, electionTimeoutMs: Tuning.Fast);
        d.Join(TimeSpan.FromMilliseconds(150));
        var o = new DetectorOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), ElectionTimeout = TimeSpan.FromSeconds(5) };
    }
}";
            return VerifyFix.VerifyFixAsync(Before, After, AggressiveFailureDetectorTimeoutCodeFix.RaiseTimeoutKey);
        }

        [Fact]
        public Task No_fix_for_computed_values_use_sites_or_shared_constants()
        {
            return VerifyFix.VerifyNoFixAsync(Usings + Detectors + @"
public static class Tuning { public const int Fast = {|DIST202:120|}; public const int Slow = 100; }
public class A { const int HeartbeatIntervalMs = 10; const int TimeoutMs = {|DIST202:10 * 3|}; }
public class Setup
{
    public void Run(PhiDetector d)
    {
        d.Start(heartbeatIntervalMs: 50, electionTimeoutMs: Tuning.Fast);
        d.Connect(Tuning.Fast);
        var p = new PhiDetector(TimeSpan.FromSeconds(1), {|DIST202:TimeSpan.FromMilliseconds(Tuning.Slow)|});
    }
}");
        }

        [Fact]
        public Task Option_ratios_and_minimum()
        {
            return Verify.VerifyAsync(
                Usings + @"
public class A { const int HeartbeatIntervalMs = 10; const int TimeoutMs = 40; }
public class B { const int HeartbeatIntervalMs = 50; const int ElectionTimeoutMs = {|DIST202:300|}; }
public class C { const int HeartbeatIntervalMs = 50; const int SuspicionTimeoutMs = {|DIST202:150|}; }",
                editorConfig: "dist_analyzers.DIST202.heartbeat_ratio = 4\ndist_analyzers.DIST202.election_heartbeat_ratio = 7\ndist_analyzers.minimum_timeout_ms = 20");
        }

        [Fact]
        public Task Option_bad_values_fall_back_to_defaults()
        {
            return Verify.VerifyAsync(
                Usings + @"
public class A { const int HeartbeatIntervalMs = 10; const int TimeoutMs = {|DIST202:30|}; }
public class B { const int HeartbeatIntervalMs = 50; const int ElectionTimeoutMs = {|DIST202:150|}; }",
                editorConfig: "dist_analyzers.DIST202.heartbeat_ratio = lots\ndist_analyzers.DIST202.election_heartbeat_ratio = -1\ndist_analyzers.DIST202.minimum_timeout_ms = fast");
        }

        [Fact]
        public Task Option_word_lists()
        {
            return Verify.VerifyAsync(
                Usings + @"
public class A { const int PingIntervalMs = 50; const int LeaseTimeoutMs = {|DIST202:100|}; const int ElectionTimeoutMs = 100; }
public class B { const int HeartbeatIntervalMs = 50; const int VoteTimeoutMs = {|DIST202:200|}; }
public class C { const int PingCadenceMs = 50; const int LeaseTimeoutMs = 200; const int SessionTimeoutMs = 100; }
public class D { const int CampaignTimeoutMs = {|DIST202:100|}; const int SuspicionTimeoutMs = 100; }",
                editorConfig: "dist_analyzers.DIST202.heartbeat_words = Heartbeat, Ping\ndist_analyzers.DIST202.interval_words = Interval\ndist_analyzers.DIST202.timeout_words = Lease, Vote, Campaign, Session\n"
                    + "dist_analyzers.DIST202.non_detection_words = Election\ndist_analyzers.DIST202.election_ratio_words = Vote\ndist_analyzers.DIST202.standalone_timeout_words = Campaign");
        }

        [Fact]
        public Task Option_word_lists_at_use_sites()
        {
            // leaseMs and LeaseMs carry no default timeout word: found only through the configured list.
            return Verify.VerifyAsync(
                Usings + @"
public static class Lease { public static void Renew(int pingIntervalMs, int leaseMs) { } }
public class LeaseOptions { public int PingIntervalMs { get; set; } public int LeaseMs { get; set; } }
public class E { const int PingIntervalMs = 50; const int LeaseMs = {|DIST202:100|}; }
public static class Tuning { public const int Short = {|DIST202:90|}; }
public class Setup
{
    public void Run()
    {
        Lease.Renew(50, {|DIST202:100|});
        Lease.Renew(50, 200);
        Lease.Renew(pingIntervalMs: 40, leaseMs: Tuning.Short);
        var o = new LeaseOptions { PingIntervalMs = 50, LeaseMs = {|DIST202:100|} };
    }
}",
                editorConfig: "dist_analyzers.DIST202.heartbeat_words = Heartbeat, Ping\ndist_analyzers.DIST202.timeout_words = Lease");
        }

        [Fact]
        public Task Constant_paired_by_two_use_sites_is_reported_once_for_the_first_in_the_document()
        {
            return Verify.VerifyAsync(
                Usings + Detectors + @"
public class First
{
    private readonly Action start;
    public First(PhiDetector d) { start = () => d.Start(heartbeatIntervalMs: 40, electionTimeoutMs: Tuning.Fast); }
}
public static class Tuning { public const int Fast = {|#0:120|}; }
public static class Outer { public static class Inner { public static readonly TimeSpan Quick = {|#1:TimeSpan.FromMilliseconds(100)|}; } }
public class Later
{
    public void Run(PhiDetector d)
    {
        d.Start(heartbeatIntervalMs: 50, electionTimeoutMs: Tuning.Fast);
        d.Join(Outer.Inner.Quick);
        var o = new DetectorOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(30), ElectionTimeout = Outer.Inner.Quick };
    }
}",
                Verify.Diagnostic("DIST202").WithLocation(0).WithArguments("electionTimeoutMs", "120 ms", "it is less than 5 × the heartbeat interval 'heartbeatIntervalMs' (40 ms) and below the 150 ms minimum"),
                Verify.Diagnostic("DIST202").WithLocation(1).WithArguments("electionTimeout", "100 ms", "it is below the 150 ms minimum"));
        }

        [Theory]
        [InlineData("class C { const int HeartbeatIntervalMs = 10; const int TimeoutMs = ; }")]
        [InlineData("class C { System.TimeSpan HeartbeatInterval = System.TimeSpan.FromMilliseconds(); System.TimeSpan SuspicionTimeout = System.TimeSpan.FromMilliseconds(1 / 0); }")]
        [InlineData("class C { void M(D d) { d.Start(heartbeatIntervalMs: 10, electionTimeoutMs: ); new D { HeartbeatInterval = 1, ElectionTimeout = } } }")]
        [InlineData("class C { void M() { Start(heartbeatIntervalMs: 10, electionTimeoutMs: 20 } void Start(int heartbeatIntervalMs, int electionTimeoutMs) { } }")]
        [InlineData("partial class C { const int HeartbeatIntervalMs = int.MaxValue * 2; const long ElectionTimeoutMs = long.MinValue; const double SuspicionTimeoutSec = double.NaN; }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new AggressiveFailureDetectorTimeoutAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }
    
        [Fact]
        public Task Gate_passes_a_configured_timeout_word_and_an_options_type_declared_in_another_document()
        {
            // The type and initializer scopes are gated on the document's own timeout words (here only Lease).
            var test = new AnalyzerVerifier<AggressiveFailureDetectorTimeoutAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class LeaseKeeper
{
    private const int HeartbeatIntervalMs = 50;
    private const int LeaseMs = {|DIST202:100|};
}
public class Setup
{
    public GossipOptions Make() => new GossipOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(100), LeaseSpan = {|DIST202:TimeSpan.FromMilliseconds(200)|} };
}");
            test.TestState.Sources.Add(Usings + @"
public class GossipOptions
{
    public TimeSpan HeartbeatInterval { get; set; }
    public TimeSpan LeaseSpan { get; set; }
}");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", AnalyzerVerifier<AggressiveFailureDetectorTimeoutAnalyzer>.EditorConfig("dist_analyzers.DIST202.timeout_words = Lease")));
            return test.RunAsync();
        }

        /// <summary>The library of <see cref="Calls_to_a_referenced_library_are_judged_under_each_compilations_words"/>, compiled once to an image.</summary>
        private static readonly System.Lazy<Task<Microsoft.CodeAnalysis.MetadataReference>> Library = new(() => AnalyzerRunner.ImageAsync(
            "Detectors",
            @"using System;
namespace Lib
{
    public static class Detector
    {
        public static void Start(TimeSpan heartbeatInterval, TimeSpan suspicionTimeout) { }
        public static void Watch(TimeSpan heartbeatInterval, TimeSpan leaseSpan) { }
        public static void Log(string message, int count) { }
    }
    public sealed class Monitor<T>
    {
        public Monitor(TimeSpan heartbeatInterval, TimeSpan failureTimeout, T state) { }
    }
}"));

        /// <summary>
        /// Calls to methods of a referenced assembly (read from metadata, whose symbols a new compilation of the same
        /// references shares) are judged like calls to the compilation's own: an invocation, a generic type's constructor,
        /// a method without a timeout parameter; a later compilation with other timeout_words (Lease, not Suspicion) is
        /// judged by its own words, not by anything a rule kept from the one before. (Written for a per-method memo of
        /// referenced methods, which measured slower than the name test it spared and was dropped; a memo that ignored
        /// the word list failed this test.)
        /// </summary>
        [Fact]
        public async Task Calls_to_a_referenced_library_are_judged_under_each_compilations_words()
        {
            var library = await Library.Value;
            const string Calls = @"using System;
using Lib;
public class Setup
{
    public void Run()
    {
        Detector.Start(TimeSpan.FromMilliseconds(100), [0]TimeSpan.FromMilliseconds(200)[/0]);
        Detector.Watch(TimeSpan.FromMilliseconds(100), [1]TimeSpan.FromMilliseconds(200)[/1]);
        Detector.Log(""x"", 1);
        var monitor = new Monitor<int>(TimeSpan.FromMilliseconds(100), [0]TimeSpan.FromMilliseconds(200)[/0], 0);
    }
}";
            foreach (var leaseWords in new[] { false, true, false })
            {
                // Default words flag the suspicion and failure timeouts; with timeout_words = Lease, only the lease.
                var flagged = leaseWords ? "1" : "0";
                var other = leaseWords ? "0" : "1";
                var code = Calls.Replace("[" + flagged + "]", "{|DIST202:").Replace("[/" + flagged + "]", "|}")
                    .Replace("[" + other + "]", string.Empty).Replace("[/" + other + "]", string.Empty);
                var test = new Verify.Test { TestCode = code };
                test.TestState.AdditionalReferences.Add(library);
                if (leaseWords)
                {
                    test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", AnalyzerVerifier<AggressiveFailureDetectorTimeoutAnalyzer>.EditorConfig("dist_analyzers.DIST202.timeout_words = Lease")));
                }

                await test.RunAsync();
            }
        }

        /// <summary>
        /// Arguments converted to a duration parameter's type (a literal to double or long, a cast, a generic parameter
        /// inferred from the argument, an in argument) are judged like any other; a string or lambda argument is not a
        /// duration, whatever its parameter is named.
        /// </summary>
        [Fact]
        public Task Arguments_converted_to_a_duration_parameter_are_still_judged()
        {
            return Verify.VerifyAsync(Usings + @"
public class Node
{
    public void Delay(double electionTimeoutMs) { }
    public void Start(int heartbeatIntervalMs, long electionTimeoutMs) { }
    public void Wait<T>(T electionTimeoutMs) { }
    public void Join(in TimeSpan electionTimeout) { }
    public void Swap(ref TimeSpan electionTimeout) { }
    public void Log(string electionTimeout, Func<int> suspicionTimeout) { }
}
public class Setup
{
    private static TimeSpan shortOne = TimeSpan.FromMilliseconds(100);
    public void Run(Node n)
    {
        n.Delay({|DIST202:100|});
        n.Start(50, {|DIST202:(short)100|});
        n.Wait({|DIST202:100|});
        n.Join({|DIST202:TimeSpan.FromMilliseconds(100)|});
        n.Swap(ref shortOne);
        n.Log(""100"", () => 100);
    }
}");
        }

        [Fact]
        public Task Positional_arguments_of_a_method_declared_in_another_document_report_at_the_constant()
        {
            // No timeout word is written in the first document: the parameters name it, in the second one.
            var test = new AnalyzerVerifier<AggressiveFailureDetectorTimeoutAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class Setup
{
    private const int Fast = {|DIST202:120|};
    public void Run(PhiDetector d) => d.Start(50, Fast);
    public void Go(PhiDetector d) => d.Join({|DIST202:TimeSpan.FromMilliseconds(100)|});
}");
            test.TestState.Sources.Add(Usings + Detectors);
            return test.RunAsync();
        }

        [Fact]
        public Task Type_scope_reads_the_initializers_of_every_part_and_only_duration_typed_arguments_and_members()
        {
            // The type test reads field and property declarations with initializers in every part; the call and
            // initializer tests look at number or TimeSpan typed parameters and members before their names.
            var test = new AnalyzerVerifier<AggressiveFailureDetectorTimeoutAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public partial class Raft
{
    private const int HeartbeatIntervalMs = 50;
    private readonly int suspicionTimeoutMs;
    public Raft(int s) { suspicionTimeoutMs = s; }
}
public class Node
{
    public void Start(int heartbeatIntervalMs, long electionTimeoutMs) { }
    public void Join(int heartbeatIntervalMs, TimeSpan? electionTimeout, string failureTimeout) { }
}
public class Options { public int HeartbeatIntervalMs { get; set; } public float ElectionTimeoutMs { get; set; } public TimeSpan? SuspicionTimeout { get; set; } }
public class Setup
{
    public void Run(Node n)
    {
        n.Start(heartbeatIntervalMs: 50, electionTimeoutMs: {|DIST202:100|});
        n.Join(50, TimeSpan.FromMilliseconds(100), ""100"");
        var a = new Options { HeartbeatIntervalMs = 50, ElectionTimeoutMs = {|DIST202:100f|} };
        var b = new Options { HeartbeatIntervalMs = 50, SuspicionTimeout = TimeSpan.FromMilliseconds(100) };
    }
}");
            test.TestState.Sources.Add(Usings + @"
public partial class Raft
{
    public int ElectionTimeoutMs { get; set; } = {|DIST202:100|};
}");
            return test.RunAsync();
        }

        [Fact]
        public Task Type_scope_of_a_partial_type_uses_its_first_part_settings_in_every_document()
        {
            // The type is judged with the settings of its first initialized member's document (/src: Lease is a
            // timeout word there); the lease declared in /other, whose own settings lack Lease, is reported from
            // that document's action.
            var test = new AnalyzerVerifier<AggressiveFailureDetectorTimeoutAnalyzer>.Test();
            test.TestState.Sources.Add(("/src/A.cs", Usings + @"
public partial class Keeper
{
    private const int HeartbeatIntervalMs = 50;
}"));
            test.TestState.Sources.Add(("/other/B.cs", Usings + @"
public partial class Keeper
{
    private const int LeaseMs = {|DIST202:100|};
}"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[/src/*.cs]\ndist_analyzers.DIST202.timeout_words = Lease\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Type_scope_of_a_nested_type_is_its_own()
        {
            // The outer heartbeat is not the nested type's: its election timeout has no partner (only the minimum).
            return Verify.VerifyAsync(
                Usings + @"
public class Outer
{
    private const int HeartbeatIntervalMs = 50;
    public class Inner
    {
        private const int ElectionTimeoutMs = {|#0:100|};
        public class Deeper { private const int HeartbeatIntervalMs = 50; private const int SuspicionTimeoutMs = {|#1:120|}; }
    }
}
namespace N.M { public struct S { private const int HeartbeatIntervalMs = 100; private static readonly TimeSpan FailureTimeout = {|#2:TimeSpan.FromMilliseconds(200)|}; } }",
                Verify.Diagnostic("DIST202").WithLocation(0).WithArguments("ElectionTimeoutMs", "100 ms", "it is below the 150 ms minimum"),
                Verify.Diagnostic("DIST202").WithLocation(1).WithArguments("SuspicionTimeoutMs", "120 ms", "it is less than 3 × the heartbeat interval 'HeartbeatIntervalMs' (50 ms) and below the 150 ms minimum"),
                Verify.Diagnostic("DIST202").WithLocation(2).WithArguments("FailureTimeout", "200 ms", "it is less than 3 × the heartbeat interval 'HeartbeatIntervalMs' (100 ms)"));
        }

        [Fact]
        public Task Type_scope_skips_members_marked_generated_code()
        {
            // The driver runs no action in a member marked [GeneratedCode]: its value is not the heartbeat's partner
            // value (the election timeout then has no partner and meets the minimum), nor a reported timeout.
            return Verify.VerifyAsync(Usings + @"
public class Raft
{
    [System.CodeDom.Compiler.GeneratedCode(""tool"", ""1.0"")]
    private const int HeartbeatIntervalMs = 50;
    private const int ElectionTimeoutMs = 200;
    [System.CodeDom.Compiler.GeneratedCode(""tool"", ""1.0"")]
    private const int SuspicionTimeoutMs = 10;
}
public class Gossip
{
    private const int HeartbeatIntervalMs = 50;
    private const int ElectionTimeoutMs = {|DIST202:200|};
}");
        }

        [Fact]
        public Task Type_scope_of_a_partial_type_marked_generated_on_one_part_reads_its_other_parts()
        {
            // The driver treats a type declared in several parts as hand-written even when one part carries
            // [GeneratedCode]: the other part's initializers are judged.
            var test = new AnalyzerVerifier<AggressiveFailureDetectorTimeoutAnalyzer>.Test();
            test.TestState.Sources.Add(@"
[System.CodeDom.Compiler.GeneratedCode(""tool"", ""1.0"")]
public partial class Raft
{
}");
            test.TestState.Sources.Add(@"
public partial class Raft
{
    private const int HeartbeatIntervalMs = 50;
    private const int ElectionTimeoutMs = {|DIST202:200|};
    private const int SuspicionTimeoutMs = {|DIST202:10|};
}");
            return test.RunAsync();
        }

        [Fact]
        public async Task Use_sites_inside_a_test_double_are_not_flagged_in_any_kind_of_code()
        {
            // The test-double check reads the types around the use site: in a lambda, a local function, an accessor,
            // a field initializer, a constructor initializer or a nested type of the double, as in a plain method.
            var test = new AnalyzerVerifier<AggressiveFailureDetectorTimeoutAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + Detectors + @"
public class Base { public Base(PhiDetector d) { } }
public class FakeCluster : Base
{
    private static readonly PhiDetector Shared = new PhiDetector(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(60));
    private readonly Action<PhiDetector> start = d => d.Start(heartbeatIntervalMs: 50, electionTimeoutMs: 60);
    private readonly DetectorOptions options = new DetectorOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(50), ElectionTimeout = TimeSpan.FromMilliseconds(60) };
    public FakeCluster() : base(new PhiDetector(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(60))) { }
    public PhiDetector Detector => new PhiDetector(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(60));
    public void Run(PhiDetector d)
    {
        void Local() => d.Start(50, 60);
        Local();
        Action later = () => d.Join(TimeSpan.FromMilliseconds(60));
        later();
    }
    public class Inner { public void Go(PhiDetector d) => d.Tune(50, 100, 60); }
}
public class Cluster
{
    private readonly Action<PhiDetector> start = d => d.Start(heartbeatIntervalMs: 50, electionTimeoutMs: {|DIST202:60|});
    public PhiDetector Detector => new PhiDetector(TimeSpan.FromMilliseconds(50), {|DIST202:TimeSpan.FromMilliseconds(60)|});
    public void Run(PhiDetector d)
    {
        Action later = () => d.Join({|DIST202:TimeSpan.FromMilliseconds(60)|});
        later();
    }
}");
            await test.RunAsync();
        }
}
}
