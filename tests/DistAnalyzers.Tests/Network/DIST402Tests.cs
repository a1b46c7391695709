using System.Threading.Tasks;
using DistAnalyzers.Network;
using DistAnalyzers.Tests.Verifiers;
using Xunit;

namespace DistAnalyzers.Tests.Network
{
    public sealed class DIST402Tests
    {
        private const string Prelude = @"using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

public interface IReplica
{
    Task WriteAsync(string key, string value);
    Task<string> ReadAsync(string key);
    Task StopAsync();
    ValueTask DisposeAsync();
    Task ConnectAsync();
    Task FlushAsync();
    Task Pending { get; }
}

public interface IShard { Task<int> CountAsync(); }
";

        private static Task Verify(string body, string? editorConfig = null, Microsoft.CodeAnalysis.Testing.ReferenceAssemblies? references = null) =>
            AnalyzerVerifier<AllOrNothingFanOutAnalyzer>.VerifyAsync(Prelude + body, editorConfig, references);

        [Fact]
        public Task Flags_WhenAll_awaited_over_a_projection_of_replicas() => Verify(@"
class Store
{
    private readonly List<IReplica> replicas = new();
    public IReplica[] Peers { get; } = Array.Empty<IReplica>();

    async Task M(IEnumerable<IReplica> followers, string k, string v)
    {
        await Task.{|DIST402:WhenAll|}(replicas.Select(r => r.WriteAsync(k, v)));
        await Task.{|DIST402:WhenAll|}(Peers.Select(p => p.WriteAsync(k, v)).ToArray());
        await Task.{|DIST402:WhenAll|}(followers.Select(async f => await f.WriteAsync(k, v)));
        string[] values = await Task.{|DIST402:WhenAll|}(replicas.Select(r => r.ReadAsync(k)));
        await Task.{|DIST402:WhenAll|}(replicas.Where(r => r != null).Select(r => r.WriteAsync(k, v))).ConfigureAwait(false);
        await Task.{|DIST402:WhenAll|}(Enumerable.Select(replicas, r => r.WriteAsync(k, v)));
        await Task.{|DIST402:WhenAll|}(replicas.Select(r => r.Pending));
        await (Task.{|DIST402:WhenAll|}(replicas.Select(r => r.WriteAsync(k, v))));
        await Task.{|DIST402:WhenAll|}(replicas.Select(async r => { await r.WriteAsync(k, v); }));
        await Task.{|DIST402:WhenAll|}(replicas.Select(r => r.WriteAsync(k, v))).WaitAsync(TimeSpan.FromSeconds(1));
    }
}");

        [Fact]
        public Task Flags_waiting_directly() => Verify(@"
class Store
{
    private readonly List<IReplica> serverNodes = new();

    void M(string k, string v)
    {
        Task.{|DIST402:WaitAll|}(serverNodes.Select(n => n.WriteAsync(k, v)).ToArray());
        bool done = Task.{|DIST402:WaitAll|}(serverNodes.Select(n => n.WriteAsync(k, v)).ToArray(), 1000);
        Task.{|DIST402:WhenAll|}(serverNodes.Select(n => n.WriteAsync(k, v))).Wait();
        Task.{|DIST402:WhenAll|}(serverNodes.Select(n => n.WriteAsync(k, v))).GetAwaiter().GetResult();
    }
}");

        [Fact]
        public Task Flags_tasks_held_in_a_local_only_the_WhenAll_reads() => Verify(@"
class Store
{
    private readonly List<IReplica> members = new();

    async Task M(string k, string v)
    {
        var writes = members.Select(m => m.WriteAsync(k, v)).ToList();
        await Task.{|DIST402:WhenAll|}(writes);
    }
}");

        [Fact]
        public Task Flags_the_loop_form() => Verify(@"
class Store
{
    private readonly IReplica[] acceptors = Array.Empty<IReplica>();

    async Task M(string k, string v, List<IReplica> voters)
    {
        var tasks = new List<Task>();
        foreach (var a in acceptors)
        {
            tasks.Add(a.WriteAsync(k, v));
        }

        await Task.{|DIST402:WhenAll|}(tasks);

        var reads = new List<Task<string>>();
        foreach (var voter in voters)
        {
            var read = voter.ReadAsync(k);
            reads.Add(read);
        }

        await Task.{|DIST402:WhenAll|}(reads);

        List<Task> healthy = new(voters.Count);
        foreach (var voter in voters.Where(x => x != null))
        {
            healthy.Add(Send(voter, k));
        }

        await Task.{|DIST402:WhenAll|}(healthy);
    }

    static Task Send(IReplica replica, string key) => replica.ReadAsync(key);
}");

        [Theory]
        // the tasks are inspected after the await
        [InlineData(@"var ts = replicas.Select(r => r.WriteAsync(k, v)).ToArray(); try { await Task.WhenAll(ts); } catch { var failed = ts.Count(t => t.IsFaulted); }")]
        [InlineData(@"var ts = replicas.Select(r => r.WriteAsync(k, v)).ToList(); await Task.WhenAll(ts); foreach (var t in ts) Console.WriteLine(t.Status);")]
        [InlineData(@"var ts = replicas.Select(r => r.ReadAsync(k)).ToList(); await Task.WhenAll(ts); var first = ts[0].Result;")]
        [InlineData(@"var ts = replicas.Select(r => r.WriteAsync(k, v)).ToList(); try { await Task.WhenAll(ts); } catch { foreach (var t in ts) { try { await t; } catch { } } }")]
        [InlineData(@"var ts = new List<Task>(); foreach (var r in replicas) ts.Add(r.WriteAsync(k, v)); await Task.WhenAll(ts); var e = ts[0].Exception;")]
        // a quorum loop with WhenAny
        [InlineData(@"var pending = replicas.Select(r => r.WriteAsync(k, v)).ToList(); var acks = 0; while (acks < 2 && pending.Count > 0) { var done = await Task.WhenAny(pending); pending.Remove(done); if (done.IsCompletedSuccessfully) acks++; }")]
        // returned rather than awaited: the caller decides
        [InlineData(@"await Task.CompletedTask; Func<Task> f = () => Task.WhenAll(replicas.Select(r => r.WriteAsync(k, v)));")]
        [InlineData(@"var all = Task.WhenAll(replicas.Select(r => r.WriteAsync(k, v))); try { await all; } catch { Console.WriteLine(all.Exception); }")]
        // local work
        [InlineData(@"await Task.WhenAll(replicas.Select(r => Task.Run(() => r.WriteAsync(k, v))));")]
        [InlineData(@"await Task.WhenAll(replicas.Select(r => Task.Factory.StartNew(() => Console.WriteLine(r))));")]
        [InlineData(@"var ts = new List<Task>(); foreach (var r in replicas) ts.Add(Task.Run(() => r.WriteAsync(k, v))); await Task.WhenAll(ts);")]
        // shards: scatter-gather needs every shard
        [InlineData(@"await Task.WhenAll(shards.Select(s => s.CountAsync()));")]
        [InlineData(@"await Task.WhenAll(shardNodes.Select(s => s.CountAsync()));")]
        [InlineData(@"await Task.WhenAll(nodes.Select(s => s.CountAsync()));")]
        // lifecycle calls
        [InlineData(@"await Task.WhenAll(replicas.Select(r => r.StopAsync()));")]
        [InlineData(@"await Task.WhenAll(replicas.Select(r => r.DisposeAsync().AsTask()));")]
        [InlineData(@"await Task.WhenAll(replicas.Select(r => r.ConnectAsync()));")]
        [InlineData(@"await Task.WhenAll(replicas.Select(r => r.FlushAsync()));")]
        [InlineData(@"var ts = new List<Task>(); foreach (var r in replicas) ts.Add(r.StopAsync()); await Task.WhenAll(ts);")]
        // not a replica collection
        [InlineData(@"await Task.WhenAll(items.Select(r => r.WriteAsync(k, v)));")]
        [InlineData(@"await Task.WhenAll(replicas[0].WriteAsync(k, v), replicas[1].WriteAsync(k, v));")]
        [InlineData(@"var ts = new List<Task>(); for (var i = 0; i < replicas.Count; i++) ts.Add(replicas[i].WriteAsync(k, v)); await Task.WhenAll(ts);")]
        // each failure is handled inside the projection
        [InlineData(@"var failures = 0; await Task.WhenAll(replicas.Select(async r => { try { await r.WriteAsync(k, v); } catch (Exception) { Interlocked.Increment(ref failures); } }));")]
        // not Task.WhenAll
        [InlineData(@"await Tasks.WhenAll(replicas.Select(r => r.WriteAsync(k, v)));")]
        public Task Does_not_flag(string statements) => Verify(@"
static class Tasks { public static Task WhenAll(IEnumerable<Task> tasks) => Task.CompletedTask; }
class Store
{
    private readonly List<IReplica> replicas = new();
    private readonly List<IReplica> items = new();
    private readonly List<IShard> shards = new();
    private readonly List<IShard> shardNodes = new();
    private readonly List<IShard> nodes = new();

    async Task M(string k, string v)
    {
        " + statements + @"
    }
}");

        [Fact]
        public Task Does_not_flag_a_returned_WhenAll() => Verify(@"
class Store
{
    private readonly List<IReplica> replicas = new();
    Task WriteAll(string k, string v) => Task.WhenAll(replicas.Select(r => r.WriteAsync(k, v)));
    Task WriteAll2(string k, string v) { return Task.WhenAll(replicas.Select(r => r.WriteAsync(k, v))); }
}");

        [Fact]
        public Task Does_not_flag_a_WhenEach_consumer() => Verify(@"
class Store
{
    private readonly List<IReplica> replicas = new();
    async Task M(string k, string v)
    {
        var ts = replicas.Select(r => r.WriteAsync(k, v)).ToList();
        await foreach (var t in Task.WhenEach(ts)) { if (t.IsFaulted) { } }
        await Task.WhenAll(ts);
    }
}", references: TestReferences.Net100);

        [Fact]
        public Task Does_not_flag_inside_a_test_double() => Verify(@"
class FakeReplicaSet
{
    private readonly List<IReplica> replicas = new();
    async Task M() => await Task.WhenAll(replicas.Select(r => r.WriteAsync(""k"", ""v"")));
}");

        [Fact]
        public Task A_user_Task_type_is_not_the_framework_Task() => Verify(@"
namespace Mine
{
    static class Task { public static System.Threading.Tasks.Task WhenAll(IEnumerable<System.Threading.Tasks.Task> t) => System.Threading.Tasks.Task.CompletedTask; }
    class Store
    {
        private readonly List<IReplica> replicas = new();
        async System.Threading.Tasks.Task M() => await Task.WhenAll(replicas.Select(r => r.WriteAsync(""k"", ""v"")));
    }
}");

        [Fact]
        public Task Replica_collection_words_option_replaces_the_default() => Verify(@"
class Store
{
    private readonly List<IReplica> replicas = new();
    private readonly List<IReplica> copies = new();
    async Task M()
    {
        await Task.WhenAll(replicas.Select(r => r.WriteAsync(""k"", ""v"")));
        await Task.{|DIST402:WhenAll|}(copies.Select(r => r.WriteAsync(""k"", ""v"")));
    }
}", "dist_analyzers.DIST402.replica_collection_words = Copies");

        [Fact]
        public Task Non_replica_call_words_option_replaces_the_default() => Verify(@"
class Store
{
    private readonly List<IReplica> replicas = new();
    async Task M()
    {
        await Task.{|DIST402:WhenAll|}(replicas.Select(r => r.StopAsync()));
        await Task.WhenAll(replicas.Select(r => r.WriteAsync(""k"", ""v"")));
    }
}", "dist_analyzers.non_replica_call_words = Write");

        [Fact]
        public Task Test_double_words_option_is_read() => Verify(@"
class FakeReplicaSet
{
    private readonly List<IReplica> replicas = new();
    async Task M() => await Task.{|DIST402:WhenAll|}(replicas.Select(r => r.WriteAsync(""k"", ""v"")));
}", "dist_analyzers.DIST402.test_double_words = Simulated");

        [Fact]
        public async Task Half_typed_code_does_not_crash()
        {
            var sources = new[]
            {
                "using System.Linq; using System.Threading.Tasks; class C { async Task M() { await Task.WhenAll(replicas.Select(r => r. ); } }",
                "using System.Linq; using System.Threading.Tasks; class C { async Task M(int[] replicas) { await Task.WhenAll(replicas.Select(); } }",
                "using System.Threading.Tasks; class C { async Task M() { await Task.WhenAll(); Task.WaitAll(; } }",
                "using System.Collections.Generic; using System.Threading.Tasks; class C { async Task M(List<int> peers) { var ts = new List<Task>(); foreach (var p in peers) ts.Add(); await Task.WhenAll(ts); } }",
                "using System.Collections.Generic; using System.Threading.Tasks; class C { async Task M(List<int> peers) { var ts = new List<Task>(); foreach (var p in ) ts.Add(p.X()); await Task.WhenAll(ts) } }",
                "using System.Linq; using System.Threading.Tasks; class C { async Task M(int[] nodes) { await Task.WhenAll(nodes.Select(Missing)); } }",
            };
            var result = await AnalyzerRunner.RunAsync(new[] { new AllOrNothingFanOutAnalyzer() }, sources);
            Assert.Empty(result.Exceptions);
        }
    }
}
