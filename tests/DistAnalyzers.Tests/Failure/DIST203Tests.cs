using System.Threading.Tasks;
using DistAnalyzers.Failure;
using DistAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Failure.DetectorNeverSuspectsAnalyzer>;

namespace DistAnalyzers.Tests.Failure
{
    public sealed class DIST203Tests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
";

        [Fact]
        public Task Health_query_that_always_returns_true()
        {
            return Verify.VerifyAsync(Usings + @"
public class HeartbeatFailureDetector
{
    private const bool Yes = true;
    public bool {|DIST203:IsAlive|}(string node) => true;
    public bool {|DIST203:IsHealthy|}(string node) { if (node == null) { return true; } return Yes; }
    public Task<bool> {|DIST203:IsUpAsync|}(string node) => Task.FromResult(true);
    public async Task<bool> {|DIST203:IsAvailableAsync|}(string node) { await Task.Yield(); return true; }
    public bool {|DIST203:NodeIsAlive|} => true;
    public ValueTask<bool> {|DIST203:PeerIsAliveAsync|}() => ValueTask.FromResult(true);
    public ValueTask<bool> {|DIST203:NodeIsUpAsync|}() => new ValueTask<bool>(Yes);
}");
        }

        [Fact]
        public Task Suspicion_query_that_always_returns_false_or_empty()
        {
            return Verify.VerifyAsync(Usings + @"
public class ClusterMembership
{
    public bool {|DIST203:IsSuspected|}(string node) => false;
    public bool {|DIST203:IsDead|}(string node) { return false; }
    public IReadOnlyList<string> {|DIST203:Suspects|}() => Array.Empty<string>();
    public IEnumerable<string> {|DIST203:DeadSuspects|} => Enumerable.Empty<string>();
    public string[] {|DIST203:IsDownSuspects|}() => new string[0];
    public List<string> {|DIST203:CurrentSuspects|}() => new List<string>();
    public List<string> {|DIST203:OtherSuspects|}() => [];
    public ImmutableArray<string> {|DIST203:MoreSuspects|}() => ImmutableArray<string>.Empty;
    public ImmutableList<string> {|DIST203:LastSuspects|}() => ImmutableList<string>.Empty;
}");
        }

        [Fact]
        public Task Nested_and_partial_types_are_judged_as_their_own_type()
        {
            // Members are judged with their own type (per-type registration): a helper nested in a detector is not
            // one, a detector nested in a plain type is, and a partial detector counts in every part.
            return Verify.VerifyAsync(Usings + @"
public sealed class HeartbeatFailureDetector
{
    public bool {|DIST203:IsAlive|}(string node) => true;
    private sealed class Cache { public bool IsAlive(string node) => true; }
}
public sealed class Cluster
{
    public bool IsAlive(string node) => true;
    private sealed class PhiFailureDetector { public bool {|DIST203:IsAlive|}(string node) => true; }
}
public partial class GossipFailureDetector { }
public partial class GossipFailureDetector { public bool {|DIST203:IsUp|}(string node) => true; }
");
        }

        [Fact]
        public Task Interface_name_makes_a_detector_and_auto_properties_count()
        {
            return Verify.VerifyAsync(Usings + @"
public interface IFailureDetector { bool IsAlive(string node); IReadOnlyCollection<string> Suspects { get; } }
public sealed class Gossip : IFailureDetector
{
    public bool {|DIST203:IsAlive|}(string node) => true;
    public IReadOnlyCollection<string> {|DIST203:Suspects|} { get; } = Array.Empty<string>();
}
public sealed class Gossip2 : IFailureDetector
{
    public Gossip2(bool ready) { if (ready) { Suspects = new[] { ""a"" }; } }
    public bool IsAlive(string node) => node.Length > 0;
    public IReadOnlyCollection<string> Suspects { get; } = Array.Empty<string>();
}
public sealed class Gossip3 : IFailureDetector
{
    public Gossip3() { this.Suspects = new[] { ""a"" }; }
    public bool IsAlive(string node) { return node.Length > 0 ? true : false; }
    public IReadOnlyCollection<string> Suspects { get; } = Array.Empty<string>();
}");
        }

        [Fact]
        public Task User_type_only_counts_by_name_words()
        {
            return Verify.VerifyAsync(Usings + @"
public class Router
{
    public bool IsAlive(string node) => true;
    public bool IsSuspected(string node) => false;
}");
        }

        [Theory]
        [InlineData("public abstract class FailureDetector { public abstract bool IsAlive(string n); public virtual bool IsSuspected(string n) => false; }")]
        [InlineData("public interface IHealthChecker { bool IsHealthy(string n) => true; }")]
        [InlineData("public class FailureDetector { public bool IsAlive(string n) => throw new NotImplementedException(); }")]
        [InlineData("public class NullFailureDetector { public bool IsAlive(string n) => true; }")]
        [InlineData("public class AlwaysUpMembership { public bool IsSuspected(string n) => false; }")]
        [InlineData("public class LivenessHealthChecker { public bool IsHealthy(string n) => true; }")]
        [InlineData("public class SelfMembership { public bool IsUp(string n) => true; }")]
        [InlineData("public class FakeFailureDetector { public bool IsAlive(string n) => true; }")]
        [InlineData("public class FailureDetectorStub { public bool IsAlive(string n) => true; }")]
        [InlineData("public class FailureDetector { private readonly HashSet<string> dead = new(); public bool IsAlive(string n) => !dead.Contains(n); }")]
        [InlineData("public class FailureDetector { private bool up = true; public bool IsAlive(string n) => up; public bool IsDead(string n) => !up; }")]
        [InlineData("public class FailureDetector { public bool IsAlive(string n) => false; public bool IsSuspected(string n) => true; }")]
        [InlineData("public class FailureDetector { public List<string> Suspects() => new List<string> { \"a\" }; public string[] IsDownNodes() => new string[0]; }")]
        [InlineData("public class FailureDetector { public bool IsAlive { get; set; } = true; }")]
        [InlineData("public class FailureDetector { public IEnumerable<string> Suspects() { yield break; } }")]
        [InlineData("public class FailureDetector { public bool IsAlive(string n) { Func<bool> f = () => true; return f(); } }")]
        public Task Not_flagged(string type)
        {
            return Verify.VerifyAsync(Usings + type);
        }

        [Fact]
        public Task Option_lists_replace_the_defaults()
        {
            return Verify.VerifyAsync(
                Usings + @"
public class PeerMonitor
{
    public bool {|DIST203:Reachable|}(string n) => true;
    public bool IsAlive(string n) => true;
    public bool {|DIST203:Unreachable|}(string n) => false;
}
public class NullPeerMonitor { public bool {|DIST203:Reachable|}(string n) => true; }
public class QuietPeerMonitor { public bool Reachable(string n) => true; }",
                editorConfig: "dist_analyzers.DIST203.detector_type_words = Monitor\ndist_analyzers.DIST203.healthy_member_words = Reachable\ndist_analyzers.DIST203.suspected_member_words = Unreachable\ndist_analyzers.DIST203.trivial_detector_words = Quiet");
        }

        [Fact]
        public Task Option_fallback_key_and_test_double_words()
        {
            return Verify.VerifyAsync(
                Usings + @"
public class ScriptedFailureDetector { public bool IsAlive(string n) => true; }
public class FakeFailureDetector { public bool {|DIST203:IsAlive|}(string n) => true; }",
                editorConfig: "dist_analyzers.test_double_words = Scripted");
        }

        [Theory]
        [InlineData("class FailureDetector { bool IsAlive(string n) => ; }")]
        [InlineData("class FailureDetector { bool IsAlive(string n) { return } }")]
        [InlineData("class FailureDetector { Unknown IsSuspected() => Unknown.Empty; bool IsUp => tru; }")]
        [InlineData("class FailureDetector : IFailureDetector { System.Collections.Generic.List<int> Suspects { get; } = [1, ; }")]
        [InlineData("class FailureDetector { bool IsDead(int x) { return x switch { 1 => false, }; } }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new DetectorNeverSuspectsAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }
    
        [Fact]
        public Task Gate_passes_a_detector_interface_declared_in_another_document_and_accessor_bodies()
        {
            var test = new AnalyzerVerifier<DetectorNeverSuspectsAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class Gossip : IFailureDetector
{
    public bool {|DIST203:IsUp|}(string node) => true;
    public bool {|DIST203:IsAlive|} { get { return true; } }
    public bool {|DIST203:IsHealthy|} { get; } = true;
    public IReadOnlyList<string> {|DIST203:Suspects|}
    {
        get => Array.Empty<string>();
    }
}");
            test.TestState.Sources.Add("public interface IFailureDetector { }");
            return test.RunAsync();
        }

        /// <summary>
        /// Only members whose declaration writes a healthy or suspected name are searched; the detector interface may
        /// come through a base class declared in another document, whose name this document never writes.
        /// </summary>
        [Fact]
        public Task Members_are_found_by_their_written_names_whatever_declares_the_detector()
        {
            var test = new AnalyzerVerifier<DetectorNeverSuspectsAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public sealed class Gossip : DetectorBase
{
    public override bool {|DIST203:IsAlive|}(string node) => true;
    public bool {|DIST203:IsDown|} => false;
    public bool Ready => true;
}");
            test.TestState.Sources.Add(@"
public interface IFailureDetector { bool IsAlive(string node); }
public abstract class DetectorBase : IFailureDetector { public abstract bool IsAlive(string node); }");
            return test.RunAsync();
        }

        /// <summary>An explicitly implemented property's name joins its interface's: a two-word entry may take a word from each.</summary>
        [Fact]
        public Task Explicit_property_implementations_are_searched_whatever_their_written_name()
        {
            return Verify.VerifyAsync(
                Usings + @"
namespace Peers { public interface IMonitor { bool Alive { get; } } }
namespace App
{
    using Peers;
    public class GossipFailureDetector : IMonitor
    {
        bool IMonitor.{|DIST203:Alive|} => true;
    }
}",
                editorConfig: "dist_analyzers.DIST203.healthy_member_words = Peer+Alive");
        }

        [Fact]
        public Task Gate_passes_configured_member_words()
        {
            return Verify.VerifyAsync(
                Usings + @"
public class PeerMonitor
{
    public bool {|DIST203:CanReachAsync|}(string n) => true;
    public bool {|DIST203:LostPeers|} => false;
    public bool IsAlive(string n) => true;
}",
                editorConfig: "dist_analyzers.DIST203.detector_type_words = Monitor\ndist_analyzers.DIST203.healthy_member_words = CanReach\ndist_analyzers.DIST203.suspected_member_words = LostPeers");
        }
}
}
