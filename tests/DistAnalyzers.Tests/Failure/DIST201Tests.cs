using System.Threading.Tasks;
using DistAnalyzers.Failure;
using DistAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Failure.ConnectionErrorAsPeerDeathAnalyzer>;
using VerifyFix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Failure.ConnectionErrorAsPeerDeathAnalyzer, DistAnalyzers.Failure.ConnectionErrorAsPeerDeathCodeFix>;

namespace DistAnalyzers.Tests.Failure
{
    public sealed class DIST201Tests
    {
        private const string Usings = @"using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
";

        private const string Types = @"
public enum NodeStatus { Alive, Suspect, Dead }
public enum ConnectionState { Open, Down }
public class Peer { public bool IsAlive; public bool IsHealthy { get; set; } public NodeStatus Status; public ConnectionState ConnectionState; public string Id = """"; }
public class PeerConnection { public bool IsAlive; public void Close() { } }
public class Membership
{
    public void MarkDead(string id) { }
    public void Remove(string id) { }
    public void Suspect(string id) { }
    public Task EvictAsync(Peer peer) => Task.CompletedTask;
    public void DeclarePeerDead(string id, int reason) { }
}
";

        private static string Code(string body, string members = "") => Usings + Types + @"
public class Detector
{
    private readonly Membership membership = new Membership();
    private readonly HashSet<string> _members = new HashSet<string>();
    private readonly ConcurrentDictionary<string, Peer> _aliveNodes = new ConcurrentDictionary<string, Peer>();
    private readonly ConcurrentDictionary<string, PeerConnection> _peers = new ConcurrentDictionary<string, PeerConnection>();
    private int failures;
    private const int Limit = 3;
" + members + @"
    public async Task Probe(Peer peer, string id, CancellationToken ct)
    {
        await Task.Yield();
" + body + @"
    }
}
";

        [Fact]
        public Task Nested_types_partial_types_and_lambdas_in_initializers_are_analysed_once()
        {
            // The rule searches only members that write a catch: a nested type's code is its own (reported once, not
            // again through the outer type), a partial type is judged over all its declarations.
            return Verify.VerifyAsync(Usings + Types + @"
public class Outer
{
    public class Inner
    {
        public void Probe(Peer peer) { try { } catch (SocketException) { {|DIST201:peer.IsAlive = false|}; } }
    }

    public void Quiet(Peer peer) { peer.IsAlive = false; }
}

public class OuterWithCatch
{
    public class Inner2
    {
        public void Quiet(Peer peer) { peer.IsAlive = false; }
    }

    private readonly Action<Peer> onError = peer => { try { } catch (HttpRequestException) { {|DIST201:peer.IsAlive = false|}; } };
}

public partial class Split
{
    public void Probe(Membership m, string id) { try { } catch (IOException) { m.{|DIST201:MarkDead|}(id); } }
}

public partial class Split
{
    public void Quiet(Membership m, string id) { m.MarkDead(id); }
}
");
        }

        [Fact]
        public Task Top_level_statements_are_analysed()
        {
            return AnalyzerVerifier<ConnectionErrorAsPeerDeathAnalyzer>.VerifyProgramAsync(Usings + @"
var peer = new Peer();
try { } catch (SocketException) { {|DIST201:peer.IsAlive = false|}; }
" + Types);
        }

        [Fact]
        public Task Alive_flag_set_false_in_socket_catch()
        {
            return Verify.VerifyAsync(Code(@"
        try { } catch (SocketException) { {|DIST201:peer.IsAlive = false|}; }
        try { } catch (IOException) { {|DIST201:peer.IsHealthy = false|}; }"));
        }

        [Theory]
        [InlineData("SocketException")]
        [InlineData("IOException")]
        [InlineData("HttpRequestException")]
        [InlineData("TimeoutException")]
        [InlineData("TaskCanceledException")]
        [InlineData("WebException")]
        public Task Every_connection_error_type(string type)
        {
            return Verify.VerifyAsync(Code(@"
        try { } catch (" + type + @") { _members.{|DIST201:Remove|}(id); }
        try { } catch (" + type + @" e) { Console.WriteLine(e); membership.{|DIST201:MarkDead|}(id); }"));
        }

        [Fact]
        public Task Exception_filters_that_name_a_connection_error()
        {
            return Verify.VerifyAsync(Code(@"
        try { } catch (Exception e) when (e is SocketException) { membership.{|DIST201:MarkDead|}(id); }
        try { } catch (Exception e) when (e is SocketException or IOException) { membership.{|DIST201:MarkDead|}(id); }
        try { } catch (Exception e) when (e.InnerException is HttpRequestException { StatusCode: null }) { membership.{|DIST201:MarkDead|}(id); }
        try { } catch (Exception e) when (e is ArgumentException) { membership.MarkDead(id); }"));
        }

        [Fact]
        public Task Dead_state_assigned_to_a_peer_state_member()
        {
            return Verify.VerifyAsync(Code(@"
        try { } catch (SocketException) { {|DIST201:peer.Status = NodeStatus.Dead|}; }
        try { } catch (SocketException) { {|DIST201:Status = NodeStatus.Dead|}; }
        try { } catch (SocketException) { peer.Status = NodeStatus.Suspect; }
        try { } catch (SocketException) { peer.ConnectionState = ConnectionState.Down; }", "    public NodeStatus Status;"));
        }

        [Fact]
        public Task Implicit_this_receiver_uses_the_containing_type()
        {
            return Verify.VerifyAsync(Usings + @"
public class PeerHandle
{
    public bool IsAlive = true;
    public void OnSend()
    {
        try { } catch (SocketException) { {|DIST201:IsAlive = false|}; }
        try { } catch (SocketException) { {|DIST201:this.IsAlive = false|}; }
    }
}
public class Worker
{
    public bool IsAlive = true;
    public void OnSend()
    {
        try { } catch (SocketException) { IsAlive = false; }
    }
}");
        }

        [Fact]
        public Task Every_death_method_form()
        {
            return Verify.VerifyAsync(Code(@"
        try { } catch (SocketException) { _aliveNodes.{|DIST201:TryRemove|}(id, out _); }
        try { } catch (SocketException) { membership.{|DIST201:DeclarePeerDead|}(id, 1); }
        try { } catch (SocketException) { await membership.{|DIST201:EvictAsync|}(peer); }
        try { } catch (SocketException) { await (membership?.{|DIST201:EvictAsync|}(peer) ?? Task.CompletedTask); }
        try { } catch (SocketException) { var list = new List<string>(); list.Remove(id); }"));
        }

        [Fact]
        public Task Grpc_RpcException_when_the_type_exists()
        {
            return Verify.VerifyAsync(Code(@"
        try { } catch (Grpc.Core.RpcException) { membership.{|DIST201:MarkDead|}(id); }
        try { } catch (Other.RpcException) { membership.MarkDead(id); }") + @"
namespace Grpc.Core { public class RpcException : System.Exception { } }
namespace Other { public class RpcException : System.Exception { } }");
        }

        [Fact]
        public Task User_type_with_a_connection_error_name_is_not_matched()
        {
            return Verify.VerifyAsync(Code(@"
        try { } catch (Mine.SocketException) { membership.MarkDead(id); }
        try { } catch (Mine.TimeoutException) { peer.IsAlive = false; }") + @"
namespace Mine { public class SocketException : System.Exception { } public class TimeoutException : System.Exception { } }");
        }

        [Theory]
        [InlineData("try { } catch (SocketException) { _peers.TryRemove(id, out _); }")] // a collection of connections
        [InlineData("try { } catch (SocketException) { var connection = new PeerConnection(); connection.IsAlive = false; }")] // non-peer receiver
        [InlineData("try { } catch (SocketException) { membership.Suspect(id); }")] // a suspicion
        [InlineData("try { } catch (SocketException) { failures++; }")] // a failure counter
        [InlineData("try { } catch (SocketException) { if (++failures >= Limit) { membership.MarkDead(id); } }")] // threshold
        [InlineData("try { } catch (SocketException) { if (failures > Limit) peer.IsAlive = false; }")] // threshold
        [InlineData("try { } catch (SocketException) { new PeerConnection().Close(); Console.WriteLine(id); }")] // close, log
        [InlineData("try { } catch (TaskCanceledException) when (ct.IsCancellationRequested) { membership.MarkDead(id); }")] // we cancelled
        [InlineData("try { } catch (TaskCanceledException) when (ct.IsCancellationRequested) { peer.IsAlive = false; }")]
        [InlineData("using var cts = new CancellationTokenSource(); try { } catch (TaskCanceledException) when (cts.Token.IsCancellationRequested) { membership.MarkDead(id); }")]
        [InlineData("try { } catch (Exception) { membership.MarkDead(id); }")] // not a connection error
        [InlineData("try { membership.MarkDead(id); } catch (SocketException) { }")] // not in the catch
        [InlineData("try { } catch (SocketException) when (id != null) { } finally { membership.MarkDead(id); }")]
        [InlineData("try { } catch (SocketException) { var p = new Peer { IsAlive = false }; }")] // a new object
        [InlineData("try { } catch (SocketException) { peer.IsAlive = true; }")]
        public Task Not_flagged(string body)
        {
            return Verify.VerifyAsync(Code(body));
        }

        [Fact]
        public Task Not_flagged_inside_a_test_double()
        {
            return Verify.VerifyAsync(Usings + Types + @"
public class FakeProbe
{
    private readonly Membership membership = new Membership();
    public void Probe(string id) { try { } catch (SocketException) { membership.MarkDead(id); } }
}");
        }

        [Fact]
        public Task Fix_calls_the_suspicion_method()
        {
            return VerifyFix.VerifyFixAsync(
                Code(@"
        try { } catch (SocketException) { membership.{|DIST201:MarkDead|}(id); }
        try { } catch (IOException) { this.membership.{|DIST201:Remove|}( id ); }"),
                Code(@"
        try { } catch (SocketException) { membership.Suspect(id); }
        try { } catch (IOException) { this.membership.Suspect( id ); }"),
                ConnectionErrorAsPeerDeathCodeFix.CallSuspicionMethodKey);
        }

        [Fact]
        public Task Fix_uses_an_inherited_suspicion_method_of_implicit_this()
        {
            const string Before = @"using System.Net.Sockets;
public class DetectorBase { protected void ReportFailure(string id) { } }
public class ClusterView : DetectorBase
{
    void MarkDown(string id) { }
    void Probe(string id)
    {
        try { } catch (SocketException) { {|DIST201:MarkDown|}(id); }
    }
}";
            const string After = @"using System.Net.Sockets;
public class DetectorBase { protected void ReportFailure(string id) { } }
public class ClusterView : DetectorBase
{
    void MarkDown(string id) { }
    void Probe(string id)
    {
        try { } catch (SocketException) { ReportFailure(id); }
    }
}";
            return VerifyFix.VerifyFixAsync(Before, After, ConnectionErrorAsPeerDeathCodeFix.CallSuspicionMethodKey);
        }

        [Fact]
        public Task No_fix_for_assignments_or_receivers_without_a_matching_suspicion_method()
        {
            return VerifyFix.VerifyNoFixAsync(Code(@"
        try { } catch (SocketException) { {|DIST201:peer.IsAlive = false|}; }
        try { } catch (SocketException) { _members.{|DIST201:Remove|}(id); }
        try { } catch (SocketException) { membership.{|DIST201:DeclarePeerDead|}(id, 2); }"));
        }

        [Fact]
        public Task Option_lists_replace_the_defaults()
        {
            return Verify.VerifyAsync(
                Code(@"
        try { } catch (SocketException) { peer.IsAlive = false; }
        try { } catch (SocketException) { {|DIST201:peer.IsHealthy = false|}; }
        try { } catch (SocketException) { membership.MarkDead(id); }
        try { } catch (SocketException) { membership.{|DIST201:Suspect|}(id); }"),
                editorConfig: "dist_analyzers.DIST201.alive_member_words = IsHealthy\ndist_analyzers.DIST201.death_method_words = Suspect*");
        }

        [Fact]
        public Task Option_fallback_key_and_peer_words()
        {
            return Verify.VerifyAsync(
                Code(@"
        try { } catch (SocketException) { peer.IsAlive = false; }
        try { } catch (SocketException) { membership.MarkDead(id); }"),
                editorConfig: "dist_analyzers.peer_words = Silo\ndist_analyzers.membership_words = Directory");
        }

        [Fact]
        public Task Option_non_peer_and_connection_words()
        {
            return Verify.VerifyAsync(
                Code(@"
        try { } catch (SocketException) { _peers.{|DIST201:TryRemove|}(id, out _); }
        try { } catch (SocketException) { {|DIST201:peer.IsAlive = false|}; }
        try { } catch (SocketException) { _aliveNodes.TryRemove(id, out _); }"),
                editorConfig: "dist_analyzers.DIST201.connection_words = Pipe\ndist_analyzers.DIST201.membership_words = Peers, Alive+Nodes\ndist_analyzers.DIST201.non_peer_words = Nodes");
        }

        [Fact]
        public Task Option_dead_state_and_state_member_words()
        {
            return Verify.VerifyAsync(
                Code(@"
        try { } catch (SocketException) { peer.Status = NodeStatus.Dead; }
        try { } catch (SocketException) { {|DIST201:peer.Status = NodeStatus.Suspect|}; }"),
                editorConfig: "dist_analyzers.DIST201.dead_state_words = Suspect\ndist_analyzers.DIST201.state_member_words = Status");
        }

        [Fact]
        public Task Option_suspect_method_words_drive_the_fix()
        {
            return VerifyFix.VerifyNoFixAsync(
                Code(@"
        try { } catch (SocketException) { membership.{|DIST201:MarkDead|}(id); }"),
                editorConfig: "dist_analyzers.DIST201.suspect_method_words = Probe*");
        }

        [Theory]
        [InlineData("class C { void M() { try { } catch (System.Net.Sockets.SocketException) { x.IsAlive = ; } } }")]
        [InlineData("class C { void M() { try { } catch (System.Net.Sockets.SocketException e) when (e is ) { members.Remove( } } }")]
        [InlineData("class C { void M() { try { } catch (System.IO.IOException) { Unknown.Status = NodeStatus.Dead; membership.MarkDead(; } } }")]
        [InlineData("class C { System.Collections.Generic.List<int> _members; void M() { try { } catch (System.TimeoutException) { _members.Remove(\"x\"); this.IsAlive = false; } } }")]
        [InlineData("class C { void M() { try { } catch (Grpc.Core.RpcException) { peers.TryRemove(id, out ); } } }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new ConnectionErrorAsPeerDeathAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }
    }
}
