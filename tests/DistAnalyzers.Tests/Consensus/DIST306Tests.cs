using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Consensus;
using DistAnalyzers.Consensus;
using DistAnalyzers.Tests.Verifiers;
using Xunit;
using Fix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Consensus.NonIdempotentRetryAnalyzer, DistAnalyzers.CodeFixes.Consensus.NonIdempotentRetryCodeFixProvider>;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Consensus.NonIdempotentRetryAnalyzer>;

namespace DistAnalyzers.Tests.Consensus
{
    public sealed class DIST306Tests
    {
        /// <summary>Minimal stand-ins of Polly v7 retry policies and Polly v8 resilience pipelines, under their real namespaces.</summary>
        private const string Polly = @"
namespace Polly
{
    using System;
    using System.Threading;
    using System.Threading.Tasks;

    public class ResiliencePipeline
    {
        public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> callback, CancellationToken cancellationToken = default) => default;
        public void Execute(Action callback) { }
    }

    public class ResiliencePipelineBuilder
    {
        public ResiliencePipelineBuilder AddTimeout(TimeSpan timeout) => this;
        public ResiliencePipeline Build() => new ResiliencePipeline();
    }

    public static class RetryResiliencePipelineBuilderExtensions
    {
        public static ResiliencePipelineBuilder AddRetry(this ResiliencePipelineBuilder builder, Retry.RetryStrategyOptions options) => builder;
    }
}

namespace Polly.Retry
{
    using System;
    using System.Threading.Tasks;

    public class RetryStrategyOptions { public int MaxRetryAttempts { get; set; } }

    public class RetryPolicy { public void Execute(Action action) { } }

    public class AsyncRetryPolicy { public Task ExecuteAsync(Func<Task> action) => Task.CompletedTask; }

    public class AsyncRetryPolicy<TResult> { public Task<TResult> ExecuteAsync(Func<Task<TResult>> action) => action(); }
}
";

        private const string Domain = @"
namespace Shop
{
    using System;
    using System.Threading.Tasks;

    public class TransferCommand
    {
        public Guid CommandId { get; set; }
        public long DedupId { get; set; }
        public int ClientRequestId { get; set; }
        public string IdempotencyKey { get; set; }
        public decimal Amount { get; set; }
    }

    public record SetValue(string Key, string Value);

    public record Deposit(Guid OperationId, decimal Amount);

    public class RaftClient
    {
        public Task ProposeAsync(object command) => Task.CompletedTask;
        public Task<bool> SubmitAsync(object command) => Task.FromResult(true);
        public Task SubmitOrderAsync(object command) => Task.CompletedTask;
        public Task ApplyAsync(object command, Guid commandId) => Task.CompletedTask;
        public bool Propose(object command) => true;
        public Task TransferAsync(string from, string to, decimal amount) => Task.CompletedTask;
    }
}
";

        private const string Usings = @"using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Shop;
using Polly;
";

        private static string Source(string body) => Usings + body + Domain + Polly;

        /// <summary>
        /// Members are searched only where a catch clause sits inside a for/while/do loop (or Execute is written): a
        /// retry loop inside a lambda or a local function is still found; a catch outside any loop, or the word in a
        /// comment, a string or a longer name, does not make a member a retry.
        /// </summary>
        [Fact]
        public Task Retry_loops_in_lambdas_and_local_functions_are_found_and_catches_outside_loops_are_not_retries() => Verify.VerifyAsync(Source(@"
class Client
{
    readonly RaftClient _raft = new RaftClient();

    Task Lambda(TransferCommand cmd) => Task.Run(async () =>
    {
        do
        {
            cmd.CommandId = Guid.{|DIST306:NewGuid|}();
            try { await _raft.ProposeAsync(cmd); break; }
            catch (TimeoutException) { }
        }
        while (true);
    });

    async Task Local(TransferCommand cmd)
    {
        await Attempt();
        async Task Attempt()
        {
            while (true)
            {
                cmd.CommandId = Guid.{|DIST306:NewGuid|}();
                try { await _raft.ProposeAsync(cmd); return; }
                catch (TimeoutException) { }
            }
        }
    }

    // A catch (here, in a comment) and ""catch"" in a string, a Catcher, and a catch outside any loop: no retry.
    async Task Once(TransferCommand cmd)
    {
        var Catcher = ""catch"";
        cmd.CommandId = Guid.NewGuid();
        try { await _raft.ProposeAsync(cmd); }
        catch (TimeoutException) { }
    }
}
"));

        [Fact]
        public Task Nested_and_partial_types_are_analysed_once()
        {
            // The rule searches only members that write catch or Execute: a nested type's code is its own (reported
            // once), and a type without either, even beside or around one with it, reports nothing.
            var source = Source(@"
partial class Outer
{
    class Inner
    {
        readonly RaftClient _raft = new RaftClient();
        async Task Member(TransferCommand cmd)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                cmd.CommandId = Guid.{|DIST306:NewGuid|}();
                try { await _raft.ProposeAsync(cmd); break; }
                catch (TimeoutException) { }
            }
        }
    }

    void Quiet(TransferCommand cmd) { cmd.CommandId = Guid.NewGuid(); }
}

partial class Outer
{
    readonly Polly.Retry.AsyncRetryPolicy _policy = new Polly.Retry.AsyncRetryPolicy();
    readonly RaftClient _other = new RaftClient();
    Task Policy(TransferCommand cmd) => _policy.ExecuteAsync(async () =>
    {
        cmd.CommandId = Guid.{|DIST306:NewGuid|}();
        await _other.ProposeAsync(cmd);
    });
}
");
            return Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Flags_ids_generated_inside_retry_loops()
        {
            var source = Source(@"
class Client
{
    readonly RaftClient _raft = new RaftClient();
    readonly Random _rng = new Random();
    readonly HttpClient _http = new HttpClient();
    long _next;

    async Task Member(TransferCommand cmd)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            cmd.CommandId = Guid.{|DIST306:NewGuid|}();
            try { await _raft.ProposeAsync(cmd); break; }
            catch (TimeoutException) { }
        }
    }

    async Task Initializer()
    {
        while (true)
        {
            try
            {
                await _raft.SubmitAsync(new TransferCommand { IdempotencyKey = Guid.{|DIST306:NewGuid|}().ToString(""N""), Amount = 5 });
                return;
            }
            catch (Exception) { await Task.Delay(100); }
        }
    }

    async Task<HttpResponseMessage> Header(Uri uri)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.Add(""Idempotency-Key"", Guid.{|DIST306:NewGuid|}().ToString());
            try { return await _http.SendAsync(request); }
            catch (HttpRequestException) when (attempt < 3) { }
        }
    }

    async Task CounterAndRandom(TransferCommand cmd)
    {
        var done = false;
        do
        {
            cmd.DedupId = Interlocked.{|DIST306:Increment|}(ref _next);
            cmd.ClientRequestId = _rng.{|DIST306:Next|}();
            try { await _raft.ProposeAsync(cmd); done = true; }
            catch { continue; }
        }
        while (!done);
    }

    async Task ThroughLocalAndConstructor(TransferCommand cmd)
    {
        while (true)
        {
            var key = Guid.{|DIST306:NewGuid|}();
            cmd.CommandId = key;
            try
            {
                await _raft.ProposeAsync(cmd);
                await _raft.ProposeAsync(new Deposit(Guid.{|DIST306:NewGuid|}(), 5m));
                await _raft.ApplyAsync(cmd, commandId: Guid.{|DIST306:NewGuid|}());
                break;
            }
            catch (Exception)
            {
                cmd.CommandId = Guid.{|DIST306:NewGuid|}();
            }
        }
    }
}");
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Flags_ids_generated_inside_polly_retry_callbacks()
        {
            var source = Source(@"
class Client
{
    readonly RaftClient _raft = new RaftClient();
    readonly Polly.Retry.AsyncRetryPolicy _retry = new Polly.Retry.AsyncRetryPolicy();
    readonly Polly.Retry.RetryPolicy _syncRetry = new Polly.Retry.RetryPolicy();
    readonly Polly.ResiliencePipeline _pipeline = new Polly.ResiliencePipelineBuilder()
        .AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 3 })
        .Build();

    async Task Policy(TransferCommand cmd)
    {
        await _retry.ExecuteAsync(async () =>
        {
            cmd.CommandId = Guid.{|DIST306:NewGuid|}();
            await _raft.ProposeAsync(cmd);
        });
        _syncRetry.Execute(() => _raft.ProposeAsync(new Deposit(Guid.{|DIST306:NewGuid|}(), 1m)));
    }

    async Task<bool> GenericPolicy(TransferCommand cmd, Polly.Retry.AsyncRetryPolicy<bool> retry) =>
        await retry.ExecuteAsync(() =>
        {
            cmd.CommandId = Guid.{|DIST306:NewGuid|}();
            return _raft.SubmitAsync(cmd);
        });

    async Task FieldPipeline(TransferCommand cmd)
    {
        await _pipeline.ExecuteAsync(async ct =>
        {
            cmd.CommandId = Guid.{|DIST306:NewGuid|}();
            await _raft.ProposeAsync(cmd);
        });
    }

    async Task LocalPipeline(TransferCommand cmd)
    {
        var builder = new Polly.ResiliencePipelineBuilder();
        builder.AddRetry(new Polly.Retry.RetryStrategyOptions());
        var pipeline = builder.Build();
        await pipeline.ExecuteAsync(async ct =>
        {
            cmd.CommandId = Guid.{|DIST306:NewGuid|}();
            await _raft.ProposeAsync(cmd);
        });
    }
}");
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Flags_retried_commands_and_posts_without_any_id()
        {
            var source = Source(@"
class Client
{
    readonly RaftClient _raft = new RaftClient();
    readonly HttpClient _http = new HttpClient();
    readonly Polly.Retry.AsyncRetryPolicy _retry = new Polly.Retry.AsyncRetryPolicy();

    async Task Command()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try { await _raft.{|DIST306:ProposeAsync|}(new SetValue(""k"", ""v"")); break; }
            catch (TimeoutException) { await Task.Delay(50 * attempt); }
        }
    }

    async Task Posts(SetValue body)
    {
        while (true)
        {
            try
            {
                await _http.{|DIST306:PostAsJsonAsync|}(""/kv"", body);
                var content = JsonContent.Create(body);
                await _http.{|DIST306:PostAsync|}(""/kv"", content);
                using var request = new HttpRequestMessage(HttpMethod.Post, ""/kv"") { Content = JsonContent.Create(body) };
                await _http.{|DIST306:SendAsync|}(request);
                var later = new HttpRequestMessage { Method = HttpMethod.Post };
                later.Content = JsonContent.Create(body);
                await _http.{|DIST306:SendAsync|}(later);
                await _http.SendAsync(new HttpRequestMessage(HttpMethod.Put, ""/kv"") { Content = JsonContent.Create(body) });
                return;
            }
            catch (HttpRequestException) { }
        }
    }

    async Task Policy() =>
        await _retry.ExecuteAsync(() => _raft.{|DIST306:TransferAsync|}(""a"", ""b"", 10m));

    async Task Pipeline()
    {
        var pipeline = new Polly.ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();
        await pipeline.ExecuteAsync(async ct => await _raft.{|DIST306:SubmitAsync|}(new SetValue(""k"", ""v"")));
    }
}");
            await Verify.VerifyAsync(source);
        }

        [Theory]
        // An id created once before the loop and reused; an id member set on the body before the loop.
        [InlineData("var fresh = Guid.NewGuid(); while (true) { cmd.CommandId = fresh; try { await _raft.ProposeAsync(cmd); break; } catch { } }")]
        [InlineData("cmd.CommandId = Guid.NewGuid(); while (true) { try { await _raft.ProposeAsync(cmd); break; } catch { } }")]
        // GET / PUT / DELETE are idempotent by contract.
        [InlineData("while (true) { try { await _http.PutAsJsonAsync(\"/kv\", body); await _http.GetAsync(\"/kv\"); await _http.DeleteAsync(\"/kv\"); break; } catch { } }")]
        // Work loops take a new item each time.
        [InlineData("while (await _channel.Reader.WaitToReadAsync()) { try { var c = new TransferCommand { CommandId = Guid.NewGuid() }; await _raft.ProposeAsync(body); return; } catch { } }")]
        [InlineData("while (true) { var item = await ReceiveAsync(); try { item.CommandId = Guid.NewGuid(); await _raft.ProposeAsync(item); if (item.Amount == 0) return; } catch (Exception) { } }")]
        // Counters not assigned to an id; framework calls; synchronous calls.
        [InlineData("while (true) { Interlocked.Increment(ref _attempts); try { await _raft.ProposeAsync(cmd); break; } catch { } }")]
        [InlineData("while (true) { try { _log.Append(\"x\"); System.Linq.Enumerable.Append(new[] { 1 }, 2); _raft.Propose(body); break; } catch { } }")]
        // Not a retry: foreach, a catch that rethrows, a loop that does not leave on success, a lambda that is not a retry policy.
        [InlineData("foreach (var b in new[] { body }) { try { await _raft.ProposeAsync(new TransferCommand { CommandId = Guid.NewGuid() }); await _raft.ProposeAsync(b); break; } catch { } }")]
        [InlineData("while (true) { try { cmd.CommandId = Guid.NewGuid(); await _raft.ProposeAsync(body); break; } catch { throw; } }")]
        [InlineData("for (var i = 0; i < 3; i++) { try { cmd.CommandId = Guid.NewGuid(); await _raft.ProposeAsync(cmd); await _raft.ProposeAsync(body); } catch { } }")]
        [InlineData("while (true) { try { Func<Task> f = () => _raft.ProposeAsync(new TransferCommand { CommandId = Guid.NewGuid() }); await f(); break; } catch { } }")]
        // Timeout-only pipelines and user types named like Polly's.
        [InlineData("var p = new Polly.ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(1)).Build(); await p.ExecuteAsync(async ct => await _raft.ProposeAsync(new TransferCommand { CommandId = Guid.NewGuid() }));")]
        [InlineData("await new Acme.Retry.AsyncRetryPolicy().ExecuteAsync(() => _raft.ProposeAsync(body));")]
        // The call carries an id: an id parameter, or an id member on the argument's type; a method that is not exactly a command word.
        [InlineData("while (true) { try { await _raft.ApplyAsync(body, key); await _raft.ProposeAsync(cmd); await _raft.SubmitOrderAsync(body); break; } catch { } }")]
        // An id written to a trace or the console for one attempt is not sent with the retried call.
        [InlineData("while (true) { try { System.Diagnostics.Trace.WriteLine(new { CommandId = Guid.NewGuid() }); Console.WriteLine(new { OperationId = Guid.NewGuid() }); await _raft.ProposeAsync(cmd); break; } catch { } }")]
        // A user Guid type is not System.Guid.
        [InlineData("while (true) { try { cmd.IdempotencyKey = Acme.Guid.NewGuid(); await _raft.ProposeAsync(cmd); break; } catch { } }")]
        // Methods of System.*, Microsoft.* and Polly.* namespaces.
        [InlineData("while (true) { try { await new Microsoft.Journal().AppendAsync(body); break; } catch { } }")]
        public async Task Does_not_flag(string statements)
        {
            var source = Source(@"
namespace Acme
{
    public static class Guid { public static string NewGuid() => ""1""; }
}

namespace Acme.Retry
{
    public class AsyncRetryPolicy { public System.Threading.Tasks.Task ExecuteAsync(System.Func<System.Threading.Tasks.Task> action) => System.Threading.Tasks.Task.CompletedTask; }
}

namespace Microsoft
{
    public class Journal { public System.Threading.Tasks.Task AppendAsync(object o) => System.Threading.Tasks.Task.CompletedTask; }
}

class Client
{
    readonly RaftClient _raft = new RaftClient();
    readonly HttpClient _http = new HttpClient();
    readonly System.Text.StringBuilder _log = new System.Text.StringBuilder();
    readonly System.Threading.Channels.Channel<TransferCommand> _channel = System.Threading.Channels.Channel.CreateUnbounded<TransferCommand>();
    int _attempts;

    Task<TransferCommand> ReceiveAsync() => Task.FromResult(new TransferCommand());

    async Task Run(TransferCommand cmd, SetValue body, Guid key)
    {
        " + statements + @"
    }
}");
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Post_with_an_id_header_on_DefaultRequestHeaders_in_the_type_is_not_flagged()
        {
            var source = Source(@"
class Client
{
    const string IdempotencyKeyHeader = ""Idempotency-Key"";
    readonly HttpClient _http = new HttpClient();

    Client(Guid clientId) => _http.DefaultRequestHeaders.Add(IdempotencyKeyHeader, clientId.ToString());

    async Task Post(SetValue body)
    {
        while (true)
        {
            try { await _http.PostAsJsonAsync(""/kv"", body); return; }
            catch (HttpRequestException) { }
        }
    }
}

class Other
{
    readonly HttpClient _http = new HttpClient();

    async Task Post(SetValue body, TransferCommand withId)
    {
        while (true)
        {
            try
            {
                await _http.{|DIST306:PostAsJsonAsync|}(""/kv"", body);
                await _http.PostAsJsonAsync(""/transfer"", withId);
                return;
            }
            catch (HttpRequestException) { }
        }
    }
}");
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task No_diagnostic_inside_a_test_double()
        {
            var source = Source(@"
class FakeClient
{
    readonly RaftClient _raft = new RaftClient();

    async Task Run(TransferCommand cmd)
    {
        while (true)
        {
            try { cmd.CommandId = Guid.NewGuid(); await _raft.ProposeAsync(new SetValue(""k"", ""v"")); break; }
            catch { }
        }
    }
}");
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Options_change_the_result()
        {
            var source = Source(@"
class Envelope { public string RequestId { get; set; } }

class Client
{
    readonly RaftClient _raft = new RaftClient();

    Task<Envelope> NextEnvelopeAsync() => Task.FromResult(new Envelope());

    async Task Run(Envelope envelope)
    {
        while (true)
        {
            envelope.RequestId = Guid.{|DIST306:NewGuid|}().ToString();
            try { await _raft.ProposeAsync(envelope); break; }
            catch { }
        }
    }
}");
            // id_words with the opt-in RequestId: the generated request id is flagged, and the call now carries an id.
            await Verify.VerifyAsync(source, "dist_analyzers.DIST306.id_words = CommandId, RequestId");
            await Verify.VerifyAsync(source, "dist_analyzers.id_words = CommandId, RequestId");

            // By default RequestId is not an id word: the call is a retried command without id.
            var byDefault = source.Replace("Guid.{|DIST306:NewGuid|}()", "Guid.NewGuid()").Replace("_raft.ProposeAsync(envelope)", "_raft.{|DIST306:ProposeAsync|}(envelope)");
            await Verify.VerifyAsync(byDefault);

            // command_method_words: Propose is no longer a command.
            var noCommand = byDefault.Replace("{|DIST306:ProposeAsync|}", "ProposeAsync");
            await Verify.VerifyAsync(noCommand, "dist_analyzers.DIST306.command_method_words = Submit");

            // work_item_method_words: a call before the try now makes it a work loop.
            var workLoop = byDefault.Replace("while (true)\n        {\n", "while (true)\n        {\n            envelope = await NextEnvelopeAsync();\n");
            await Verify.VerifyAsync(workLoop);
            await Verify.VerifyAsync(workLoop.Replace("{|DIST306:ProposeAsync|}", "ProposeAsync"), "dist_analyzers.DIST306.work_item_method_words = Next*");
        }

        [Fact]
        public async Task Fix_hoists_the_id_above_the_loop()
        {
            var source = Source(@"
class Client
{
    readonly RaftClient _raft = new RaftClient();
    long _next;

    async Task Run(TransferCommand cmd)
    {
        var commandId = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            cmd.CommandId = Guid.{|DIST306:NewGuid|}();
            cmd.DedupId = Interlocked.{|DIST306:Increment|}(ref _next);
            try { await _raft.ProposeAsync(cmd); break; }
            catch (TimeoutException) { }
        }
    }
}");
            var fixedSource = Source(@"
class Client
{
    readonly RaftClient _raft = new RaftClient();
    long _next;

    async Task Run(TransferCommand cmd)
    {
        var commandId = 0;
        var commandId2 = Guid.NewGuid();
        var dedupId = Interlocked.Increment(ref _next);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            cmd.CommandId = commandId2;
            cmd.DedupId = dedupId;
            try { await _raft.ProposeAsync(cmd); break; }
            catch (TimeoutException) { }
        }
    }
}");
            await Fix.VerifyFixAsync(source, fixedSource, NonIdempotentRetryCodeFixProvider.HoistKey);
        }

        [Fact]
        public async Task Fix_hoists_header_and_polly_ids_above_the_execute_call()
        {
            var source = Source(@"
class Client
{
    readonly RaftClient _raft = new RaftClient();
    readonly HttpClient _http = new HttpClient();
    readonly Polly.Retry.AsyncRetryPolicy _retry = new Polly.Retry.AsyncRetryPolicy();

    async Task Policy(TransferCommand cmd)
    {
        // Retried by the policy.
        await _retry.ExecuteAsync(async () =>
        {
            cmd.CommandId = Guid.{|DIST306:NewGuid|}();
            await _raft.ProposeAsync(cmd);
        });
    }

    async Task Header(Uri uri)
    {
        while (true)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.Add(""Idempotency-Key"", Guid.{|DIST306:NewGuid|}().ToString());
            try { await _http.SendAsync(request); return; }
            catch (HttpRequestException) { }
        }
    }
}");
            var fixedSource = Source(@"
class Client
{
    readonly RaftClient _raft = new RaftClient();
    readonly HttpClient _http = new HttpClient();
    readonly Polly.Retry.AsyncRetryPolicy _retry = new Polly.Retry.AsyncRetryPolicy();

    async Task Policy(TransferCommand cmd)
    {
        var commandId = Guid.NewGuid();
        // Retried by the policy.
        await _retry.ExecuteAsync(async () =>
        {
            cmd.CommandId = commandId;
            await _raft.ProposeAsync(cmd);
        });
    }

    async Task Header(Uri uri)
    {
        var idempotencyKey = Guid.NewGuid();
        while (true)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.Add(""Idempotency-Key"", idempotencyKey.ToString());
            try { await _http.SendAsync(request); return; }
            catch (HttpRequestException) { }
        }
    }
}");
            await Fix.VerifyFixAsync(source, fixedSource, NonIdempotentRetryCodeFixProvider.HoistKey);
        }

        [Fact]
        public async Task No_fix_for_the_retried_call_form_or_where_hoisting_would_change_the_code()
        {
            var source = Source(@"
class Client
{
    readonly RaftClient _raft = new RaftClient();
    readonly Random _rng = new Random();

    async Task Run(TransferCommand cmd, bool enabled, TransferCommand[] batch)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            cmd.ClientRequestId = _rng.{|DIST306:Next|}(attempt);
            try { await _raft.{|DIST306:ProposeAsync|}(new SetValue(""k"", ""v"")); await _raft.ProposeAsync(cmd); break; }
            catch (TimeoutException) { }
        }

        if (enabled)
            while (true)
            {
                cmd.CommandId = Guid.{|DIST306:NewGuid|}();
                try { await _raft.ProposeAsync(cmd); break; }
                catch (TimeoutException) { }
            }

        while (true)
        {
            try
            {
                foreach (var item in batch) { item.CommandId = Guid.{|DIST306:NewGuid|}(); await _raft.ProposeAsync(item); }
                break;
            }
            catch (TimeoutException) { }
        }
    }
}");
            await Fix.VerifyNoFixAsync(source);
        }

        [Theory]
        [InlineData("class C { async System.Threading.Tasks.Task M() { while (true) { try { x.CommandId = System.Guid.NewGuid(); await _raft.ProposeAsync(x); break; } catch { } } } }")]
        [InlineData("class C { async System.Threading.Tasks.Task M() { for (;;) { try { await ProposeAsync(; break; } catch ( } } }")]
        [InlineData("class C { void M() { while (true) { try { cmd.CommandId = System.Guid.NewGuid(). } catch { continue } } } }")]
        [InlineData("using Polly.Retry; class C { AsyncRetryPolicy p; void M() => p.ExecuteAsync(async () => { c.CommandId = System.Guid.NewGuid(); }); }")]
        [InlineData("class C { void M() { do { try { System.Threading.Interlocked.Increment(ref ); break; } catch { } } while ( } }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new NonIdempotentRetryAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }

        [Fact]
        public async Task Kata_cut_at_any_point_does_not_crash()
        {
            var text = System.IO.File.ReadAllText(System.IO.Path.Combine(Meta.Catalog.RepositoryRoot, "samples", "Katas", "Consensus", "DIST306_NonIdempotentRetry.cs"));
            for (var i = 1; i < 16; i++)
            {
                var result = await AnalyzerRunner.RunAsync(new[] { new NonIdempotentRetryAnalyzer() }, text.Substring(0, text.Length * i / 16));
                Assert.Empty(result.Exceptions);
            }
        }
    }
}
