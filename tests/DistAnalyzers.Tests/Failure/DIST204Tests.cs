using System.Threading.Tasks;
using DistAnalyzers.Failure;
using DistAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Failure.RemoteCallWithoutDeadlineAnalyzer>;
using VerifyFix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Failure.RemoteCallWithoutDeadlineAnalyzer, DistAnalyzers.Failure.RemoteCallWithoutDeadlineCodeFix>;

namespace DistAnalyzers.Tests.Failure
{
    public sealed class DIST204Tests
    {
        private const string Usings = @"using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Grpc.Core;
using Greet;
";

        /// <summary>Minimal stand-ins of Grpc.Core and of a generated client, under their real names.</summary>
        internal const string Grpc = @"
namespace Grpc.Core
{
    public class Metadata { }
    public struct CallOptions
    {
        public CallOptions(Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) { Deadline = deadline; CancellationToken = cancellationToken; }
        public DateTime? Deadline { get; }
        public CancellationToken CancellationToken { get; }
        public CallOptions WithDeadline(DateTime deadline) => new CallOptions(null, deadline, CancellationToken);
        public CallOptions WithCancellationToken(CancellationToken token) => new CallOptions(null, Deadline, token);
        public CallOptions WithHeaders(Metadata headers) => this;
    }
    public sealed class AsyncUnaryCall<T> { }
    public sealed class AsyncServerStreamingCall<T> { }
    public sealed class AsyncClientStreamingCall<TRequest, TResponse> { }
    public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> { }
    public abstract class ClientBase { }
    public abstract class ClientBase<T> : ClientBase where T : ClientBase<T> { }
}
namespace Greet
{
    public class HelloRequest { }
    public class HelloReply { }
    public static class Greeter
    {
        public class GreeterClient : ClientBase<GreeterClient>
        {
            public virtual HelloReply SayHello(HelloRequest request, Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) => null;
            public virtual HelloReply SayHello(HelloRequest request, CallOptions options) => null;
            public virtual AsyncUnaryCall<HelloReply> SayHelloAsync(HelloRequest request, Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) => null;
            public virtual AsyncUnaryCall<HelloReply> SayHelloAsync(HelloRequest request, CallOptions options) => null;
            public virtual AsyncServerStreamingCall<HelloReply> Watch(HelloRequest request, Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) => null;
            public virtual AsyncServerStreamingCall<HelloReply> Watch(HelloRequest request, CallOptions options) => null;
            public virtual AsyncClientStreamingCall<HelloRequest, HelloReply> Upload(Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) => null;
            public virtual AsyncDuplexStreamingCall<HelloRequest, HelloReply> Chat(Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) => null;
            public virtual AsyncDuplexStreamingCall<HelloRequest, HelloReply> Chat(CallOptions options) => null;
            public GreeterClient WithHost(string host) => this;
            public HelloReply Describe(HelloRequest request) => null;
        }
    }
}
";

        private static string Code(string body, string parameters = "") => Usings + @"
public class Caller
{
    public async Task Run(Greeter.GreeterClient client, HelloRequest req, HttpClient http, Socket socket, TcpClient tcp, NetworkStream stream, Metadata headers" + parameters + @")
    {
        await Task.Yield();
" + body + @"
    }
}
" + Grpc;

        [Fact]
        public Task Infinite_HttpClient_timeout()
        {
            return Verify.VerifyAsync(Code(@"
        http.Timeout = {|DIST204:Timeout.InfiniteTimeSpan|};
        http.Timeout = {|DIST204:TimeSpan.FromMilliseconds(-1)|};
        var other = new HttpClient { Timeout = {|DIST204:System.Threading.Timeout.InfiniteTimeSpan|} };
        http.Timeout = TimeSpan.FromSeconds(100);
        http.Timeout = TimeSpan.MaxValue;"));
        }

        [Fact]
        public Task Infinite_socket_and_stream_timeouts()
        {
            return Verify.VerifyAsync(Code(@"
        socket.ReceiveTimeout = {|DIST204:0|};
        socket.SendTimeout = {|DIST204:-1|};
        tcp.ReceiveTimeout = {|DIST204:0|};
        tcp.SendTimeout = {|DIST204:-1|};
        stream.ReadTimeout = {|DIST204:Timeout.Infinite|};
        stream.WriteTimeout = {|DIST204:-1|};
        socket.ReceiveTimeout = 5000;
        tcp.SendTimeout = 1;
        Stream plain = stream;
        plain.ReadTimeout = Timeout.Infinite;"));
        }

        [Fact]
        public Task Socket_messages_say_the_timeout_bounds_only_synchronous_calls()
        {
            return Verify.VerifyAsync(
                Code(@"
        socket.ReceiveTimeout = {|#0:0|};
        stream.WriteTimeout = {|#1:Timeout.Infinite|};"),
                Verify.Diagnostic("DIST204").WithLocation(0).WithArguments("Socket.ReceiveTimeout = 0 means no timeout (these timeouts bound only the synchronous Receive/Send calls; give async calls a cancellation token)"),
                Verify.Diagnostic("DIST204").WithLocation(1).WithArguments("NetworkStream.WriteTimeout = Timeout.Infinite means no timeout (it bounds only the synchronous Read/Write calls; give async calls a cancellation token)"));
        }

        [Fact]
        public Task Grpc_calls_with_nothing_bounding_them()
        {
            return Verify.VerifyAsync(Code(@"
        await Task.Yield();
        client.{|DIST204:SayHelloAsync|}(req);
        client.{|DIST204:SayHello|}(req);
        client.{|DIST204:SayHello|}(req, headers);
        client.{|DIST204:SayHelloAsync|}(req, deadline: null);
        client.{|DIST204:SayHelloAsync|}(req, cancellationToken: CancellationToken.None);
        client.{|DIST204:SayHelloAsync|}(req, null, null, default);
        client.{|DIST204:SayHelloAsync|}(req, new CallOptions());
        client.{|DIST204:SayHelloAsync|}(req, new CallOptions(headers));
        client.{|DIST204:SayHello|}(req, default(CallOptions));
        client.{|DIST204:SayHello|}(req, new CallOptions().WithHeaders(headers));
        client.WithHost(""x"").{|DIST204:SayHelloAsync|}(req);"));
        }

        [Fact]
        public Task Grpc_calls_that_are_bounded_or_not_rpc()
        {
            return Verify.VerifyAsync(Code(
                @"
        client.SayHelloAsync(req, deadline: DateTime.UtcNow.AddSeconds(5));
        client.SayHelloAsync(req, cancellationToken: ct);
        client.SayHello(req, null, DateTime.UtcNow.AddSeconds(1));
        client.SayHelloAsync(req, options);
        var local = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2));
        client.SayHelloAsync(req, local);
        client.SayHelloAsync(req, new CallOptions(cancellationToken: ct));
        client.SayHelloAsync(req, new CallOptions().WithDeadline(DateTime.UtcNow.AddSeconds(3)));
        client.SayHelloAsync(req, new CallOptions().WithHeaders(headers).WithCancellationToken(ct));
        client.Watch(req);
        client.Upload();
        client.Chat();
        client.WithHost(""x"");
        client.Describe(req);
        new Other.MyClient().SayHelloAsync(req);",
                ", CancellationToken ct, CallOptions options") + @"
namespace Other
{
    public abstract class ClientBase { }
    public class MyClient : ClientBase { public AsyncUnaryCall<HelloReply> SayHelloAsync(HelloRequest r) => null; }
}");
        }

        [Fact]
        public Task Streaming_calls_with_include_streaming()
        {
            return Verify.VerifyAsync(
                Code(@"
        client.{|DIST204:Watch|}(req);
        client.{|DIST204:Upload|}();
        client.{|DIST204:Chat|}(new CallOptions());
        client.Chat(deadline: DateTime.UtcNow.AddMinutes(5));"),
                editorConfig: "dist_analyzers.DIST204.include_streaming = true");
        }

        [Fact]
        public Task CancelAfter_in_another_partial_declaration_or_spelled_with_an_escape()
        {
            const string Http = "using System.Net.Http;\nusing System.Threading;\n";
            var test = new AnalyzerVerifier<RemoteCallWithoutDeadlineAnalyzer>.Test();
            test.TestState.Sources.Add(Http + @"
public partial class Bounded
{
    private readonly HttpClient http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
}
public class Unbounded
{
    private readonly HttpClient http = new HttpClient { Timeout = {|DIST204:Timeout.InfiniteTimeSpan|} };
}");
            test.TestState.Sources.Add(Http + @"
public partial class Bounded
{
    public void Arm(CancellationTokenSource cts) => cts.CancelAfter(5000);
}");
            test.TestState.Sources.Add(Http + @"
public class Escaped
{
    private readonly HttpClient http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    public void Arm(CancellationTokenSource cts) => cts.Cancel\u0041fter(5000);
}");
            return test.RunAsync();
        }

        [Fact]
        public Task Infinite_HttpClient_timeout_is_fine_when_each_request_is_bounded()
        {
            return Verify.VerifyAsync(Usings + @"
using Microsoft.Extensions.DependencyInjection;
public class Bounded
{
    private readonly HttpClient http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    public async Task<string> Get(string url)
    {
        using var cts = new CancellationTokenSource();
        cts.CancelAfter(TimeSpan.FromSeconds(5));
        return await http.GetStringAsync(url, cts.Token);
    }
}
public sealed class DeadlineHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(5000);
        return base.SendAsync(request, cts.Token);
    }
}
public class WithHandler
{
    public HttpClient Create() => new HttpClient(new DeadlineHandler()) { Timeout = Timeout.InfiniteTimeSpan };
    public HttpClient Plain() => new HttpClient(new HttpClientHandler()) { Timeout = {|DIST204:Timeout.InfiniteTimeSpan|} };
}
public class Startup
{
    public void Configure(IServiceCollection services)
    {
        services.AddHttpClient(""a"", c => c.Timeout = Timeout.InfiniteTimeSpan).AddStandardResilienceHandler();
        services.AddHttpClient(""b"", c => { c.Timeout = Timeout.InfiniteTimeSpan; }).SetName().AddPolicyHandler();
        services.AddHttpClient(""c"", c => c.Timeout = {|DIST204:Timeout.InfiniteTimeSpan|}).SetName();
        services.AddHttpClient(""d"", c => c.Timeout = Timeout.InfiniteTimeSpan).AddResilienceHandler();
        services.AddHttpClient(""e"", c => c.Timeout = Timeout.InfiniteTimeSpan).AddTransientHttpErrorPolicy();
    }
}
namespace Microsoft.Extensions.DependencyInjection
{
    public interface IServiceCollection { }
    public interface IHttpClientBuilder { }
    public static class Extensions
    {
        public static IHttpClientBuilder AddHttpClient(this IServiceCollection services, string name, Action<HttpClient> configure) => null;
        public static IHttpClientBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder) => builder;
        public static IHttpClientBuilder AddPolicyHandler(this IHttpClientBuilder builder) => builder;
        public static IHttpClientBuilder SetName(this IHttpClientBuilder builder) => builder;
        public static IHttpClientBuilder AddResilienceHandler(this IHttpClientBuilder builder) => builder;
        public static IHttpClientBuilder AddTransientHttpErrorPolicy(this IHttpClientBuilder builder) => builder;
    }
}
" + Grpc);
        }

        [Fact]
        public Task Not_flagged_inside_a_test_double()
        {
            return Verify.VerifyAsync(Usings + @"
public class GreeterStub
{
    public void Run(Greeter.GreeterClient client, HelloRequest req, HttpClient http) { client.SayHello(req); http.Timeout = Timeout.InfiniteTimeSpan; }
}" + Grpc);
        }

        [Fact]
        public Task No_grpc_form_when_Grpc_Core_is_absent()
        {
            return Verify.VerifyAsync(@"
namespace Mine
{
    public abstract class ClientBase { }
    public sealed class AsyncUnaryCall<T> { }
    public class Client : ClientBase { public AsyncUnaryCall<string> GetAsync(string r) => null; }
    public class Caller { public void Run(Client c) { c.GetAsync(""x""); } }
}");
        }

        [Fact]
        public Task Fix_sets_finite_timeouts()
        {
            return VerifyFix.VerifyFixAsync(
                Code(@"
        http.Timeout = {|DIST204:Timeout.InfiniteTimeSpan|};
        var other = new HttpClient { Timeout = {|DIST204:TimeSpan.FromMilliseconds(-1)|} };
        socket.ReceiveTimeout = {|DIST204:0|};
        tcp.SendTimeout = {|DIST204:-1|};
        stream.ReadTimeout = {|DIST204:Timeout.Infinite|}; // no limit"),
                Code(@"
        http.Timeout = TimeSpan.FromSeconds(30);
        var other = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        socket.ReceiveTimeout = 30_000;
        tcp.SendTimeout = 30_000;
        stream.ReadTimeout = 30_000; // no limit"),
                RemoteCallWithoutDeadlineCodeFix.BoundRemoteCallKey);
        }

        [Fact]
        public Task Fix_adds_a_deadline_to_grpc_calls()
        {
            return VerifyFix.VerifyFixAsync(
                Code(@"
        client.{|DIST204:SayHelloAsync|}(req);
        client.{|DIST204:SayHello|}(req, headers);
        client.{|DIST204:SayHelloAsync|}(req, deadline: null);
        client.{|DIST204:SayHelloAsync|}(req, cancellationToken: CancellationToken.None);
        client.{|DIST204:SayHelloAsync|}(req, new CallOptions());
        client.{|DIST204:SayHello|}(req, default(CallOptions));
        client.{|DIST204:SayHello|}(req, new CallOptions(headers).WithHeaders(headers));"),
                Code(@"
        client.SayHelloAsync(req, deadline: DateTime.UtcNow.AddSeconds(30));
        client.SayHello(req, headers, deadline: DateTime.UtcNow.AddSeconds(30));
        client.SayHelloAsync(req, deadline: DateTime.UtcNow.AddSeconds(30));
        client.SayHelloAsync(req, cancellationToken: CancellationToken.None, deadline: DateTime.UtcNow.AddSeconds(30));
        client.SayHelloAsync(req, new CallOptions().WithDeadline(DateTime.UtcNow.AddSeconds(30)));
        client.SayHello(req, default(CallOptions).WithDeadline(DateTime.UtcNow.AddSeconds(30)));
        client.SayHello(req, new CallOptions(headers).WithHeaders(headers).WithDeadline(DateTime.UtcNow.AddSeconds(30)));"),
                RemoteCallWithoutDeadlineCodeFix.BoundRemoteCallKey);
        }

        [Fact]
        public Task No_fix_for_other_grpc_call_shapes()
        {
            return VerifyFix.VerifyNoFixAsync(
                Code(@"
        client.{|DIST204:Chat|}(new CallOptions());"),
                editorConfig: "dist_analyzers.include_streaming = true");
        }

        [Fact]
        public Task Option_fix_timeout_seconds()
        {
            return VerifyFix.VerifyFixAsync(
                Code(@"
        http.Timeout = {|DIST204:Timeout.InfiniteTimeSpan|};
        socket.SendTimeout = {|DIST204:0|};
        client.{|DIST204:SayHelloAsync|}(req);"),
                Code(@"
        http.Timeout = TimeSpan.FromSeconds(10);
        socket.SendTimeout = 10_000;
        client.SayHelloAsync(req, deadline: DateTime.UtcNow.AddSeconds(10));"),
                editorConfig: "dist_analyzers.fix_timeout_seconds = 10");
        }

        [Fact]
        public Task Option_bad_values_fall_back_to_defaults()
        {
            return VerifyFix.VerifyFixAsync(
                Code(@"
        socket.SendTimeout = {|DIST204:0|};
        client.Watch(req);"),
                Code(@"
        socket.SendTimeout = 30_000;
        client.Watch(req);"),
                editorConfig: "dist_analyzers.DIST204.fix_timeout_seconds = soon\ndist_analyzers.DIST204.include_streaming = maybe");
        }

        [Theory]
        [InlineData("class C { void M(System.Net.Http.HttpClient h) { h.Timeout = ; } }")]
        [InlineData("class C { void M(System.Net.Sockets.Socket s) { s.ReceiveTimeout = -; s.SendTimeout = x; } }")]
        [InlineData("class C { void M(Greeter.GreeterClient c) { c.SayHelloAsync(, deadline: ); } }" + Grpc)]
        [InlineData("class C { void M(Greeter.GreeterClient c) { c.SayHello(new CallOptions(deadline: ), ); c.Unknown(); } }" + Grpc)]
        [InlineData("using Microsoft.Extensions.DependencyInjection; class C { void M(IServiceCollection s) { s.AddHttpClient(c => c.Timeout = System.Threading.Timeout.InfiniteTimeSpan). } }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new RemoteCallWithoutDeadlineAnalyzer() }, "using System; using System.Threading; using Grpc.Core; using Greet;\n" + source);
            Assert.Empty(result.Exceptions);
        }
    
        [Fact]
        public Task Gate_passes_timeouts_set_in_lambdas_accessors_and_on_a_socket_declared_in_another_document()
        {
            var test = new AnalyzerVerifier<RemoteCallWithoutDeadlineAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class Wiring
{
    private readonly Action<Socket> configure = s => s.ReceiveTimeout = {|DIST204:-1|};
    private readonly Connection connection = new Connection();
    public int Wait { set => connection.Socket.SendTimeout = {|DIST204:0|}; }
    public void Open() { void Local() => connection.Stream.ReadTimeout = {|DIST204:Timeout.Infinite|}; Local(); }
    public HttpClient Client() => new HttpClient { Timeout = {|DIST204:Timeout.InfiniteTimeSpan|} };
}");
            test.TestState.Sources.Add(Usings + @"
public class Connection
{
    public Socket Socket { get; } = new Socket(SocketType.Stream, ProtocolType.Tcp);
    public NetworkStream Stream { get; set; }
}");
            test.TestState.Sources.Add(Usings + Grpc);
            return test.RunAsync();
        }

        [Fact]
        public Task Timeout_assignments_are_found_in_every_written_form_of_their_target()
        {
            // The assignments are found where "Timeout" is written: the target may be parenthesized, null-forgiven,
            // on `this` or `base`, in a nested object initializer, or spelled with an escape (then every assignment is looked at).
            var test = new AnalyzerVerifier<RemoteCallWithoutDeadlineAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class Holder { public HttpClient Client { get; } = new HttpClient(); public Socket Socket { get; set; } }
public class ClientWithTimeout : HttpClient
{
    public ClientWithTimeout() { this.Timeout = {|DIST204:System.Threading.Timeout.InfiniteTimeSpan|}; }
    public void Reset() { base.Timeout = {|DIST204:System.Threading.Timeout.InfiniteTimeSpan|}; Timeout = {|DIST204:System.Threading.Timeout.InfiniteTimeSpan|}; }
}
public class Forms
{
    public void Set(HttpClient http, Socket socket, Holder holder)
    {
        (http.Timeout) = {|DIST204:Timeout.InfiniteTimeSpan|};
        http!.Timeout = {|DIST204:TimeSpan.FromMilliseconds(-1)|};
        ((socket).ReceiveTimeout) = {|DIST204:0|};
        var nested = new Holder { Client = { Timeout = {|DIST204:Timeout.InfiniteTimeSpan|} } };
        var chained = socket.SendTimeout = {|DIST204:-1|};
        http.Timeout = holder.Client.Timeout = {|DIST204:Timeout.InfiniteTimeSpan|};
        var anonymous = new { Timeout = -1, ReadTimeout = 0 };
        http.Timeout = TimeSpan.FromSeconds(5);
    }
}");
            test.TestState.Sources.Add(Usings + @"
public class Escaped
{
    public void Set(HttpClient http, Socket socket) { http.Time\u006Fut = {|DIST204:Timeout.InfiniteTimeSpan|}; socket.ReceiveTime\u006fut = {|DIST204:0|}; }
}");
            test.TestState.Sources.Add(Usings + Grpc);
            return test.RunAsync();
        }

        // ------------------------------------------------------------------ which calls the gRPC form looks at

        /// <summary>The Grpc.Core stand-ins alone (no Greet client), for a client declared elsewhere.</summary>
        private static string GrpcCore => Grpc.Substring(0, Grpc.IndexOf("namespace Greet", System.StringComparison.Ordinal)) + @"
namespace Greet
{
    public class HelloRequest { }
    public class HelloReply { }
}
";

        [Fact]
        public Task Grpc_client_declared_in_another_file_with_a_sync_overload_found_through_its_CallOptions_sibling()
        {
            var test = new AnalyzerVerifier<RemoteCallWithoutDeadlineAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class Caller
{
    public void Run(Store.StoreClient store, Store.Cache cache, HelloRequest req)
    {
        store.{|DIST204:FetchAsync|}(req);
        store.{|DIST204:Fetch|}(req);
        store?.{|DIST204:Fetch|}(req);
        cache.Fetch(req);
        cache.FetchAsync(req);
    }
}");
            test.TestState.Sources.Add(@"using System;
using System.Threading;
using Grpc.Core;
using Greet;
namespace Store
{
    public class StoreClient : ClientBase<StoreClient>
    {
        public virtual AsyncUnaryCall<HelloReply> FetchAsync(HelloRequest request, Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) => null;
        public virtual HelloReply Fetch(HelloRequest request, Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) => null;
        public virtual HelloReply Fetch(HelloRequest request, CallOptions options) => null;
    }
    public class Cache
    {
        public HelloReply Fetch(HelloRequest request) => null;
        public System.Threading.Tasks.Task<HelloReply> FetchAsync(HelloRequest request) => null;
    }
}");
            test.TestState.Sources.Add(Usings + GrpcCore);
            return test.RunAsync();
        }

        [Fact]
        public Task Grpc_method_declared_on_a_base_client_in_another_file()
        {
            var test = new AnalyzerVerifier<RemoteCallWithoutDeadlineAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class Caller
{
    public void Run(Store.DerivedClient client, HelloRequest req) { client.{|DIST204:PingAsync|}(req); client.{|DIST204:Ping|}(req); }
}");
            test.TestState.Sources.Add(@"using Greet;
namespace Store
{
    public class DerivedClient : BaseClient { }
}");
            test.TestState.Sources.Add(@"using System;
using System.Threading;
using Greet;
namespace Store
{
    public abstract class BaseClient : Grpc.Core.ClientBase
    {
        public Grpc.Core.AsyncUnaryCall<HelloReply> PingAsync(HelloRequest request, DateTime? deadline = null) => null;
        public HelloReply Ping(HelloRequest request, DateTime? deadline = null) => null;
        public HelloReply Ping(HelloRequest request, global::Grpc.Core.CallOptions options) => null;
    }
}");
            test.TestState.Sources.Add(Usings + GrpcCore);
            return test.RunAsync();
        }

        [Fact]
        public Task Grpc_methods_declared_with_using_aliases()
        {
            var test = new AnalyzerVerifier<RemoteCallWithoutDeadlineAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class Caller
{
    public void Run(Store.AliasedClient client, HelloRequest req)
    {
        client.{|DIST204:Ping|}(req);
        client.{|DIST204:PongAsync|}(req);
        client.{|DIST204:Nested|}(req);
    }
}");
            test.TestState.Sources.Add(@"using System;
using Opts = Grpc.Core.CallOptions;
namespace Store
{
    using Again = Opts;
    public class AliasedClient : Grpc.Core.ClientBase
    {
        public Greet.HelloReply Ping(Greet.HelloRequest request, DateTime? deadline = null) => null;
        public Greet.HelloReply Ping(Greet.HelloRequest request, Opts options) => null;
        public Unary PongAsync(Greet.HelloRequest request) => null;
        public Greet.HelloReply Nested(Greet.HelloRequest request, DateTime? deadline = null) => null;
        public Greet.HelloReply Nested(Greet.HelloRequest request, Again options) => null;
    }
}");
            test.TestState.Sources.Add("global using Unary = Grpc.Core.AsyncUnaryCall<Greet.HelloReply>;\n");
            test.TestState.Sources.Add(Usings + GrpcCore);
            return test.RunAsync();
        }

        [Fact]
        public Task Grpc_method_whose_call_type_is_a_type_argument()
        {
            var test = new AnalyzerVerifier<RemoteCallWithoutDeadlineAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class Caller
{
    public void Run(Store.Generic<AsyncUnaryCall<HelloReply>> generic, HelloRequest req) { generic.{|DIST204:Call|}(req); }
}");
            test.TestState.Sources.Add(@"namespace Store
{
    public class Generic<TCall> : Grpc.Core.ClientBase { public TCall Call(Greet.HelloRequest request) => default; }
}");
            test.TestState.Sources.Add(Usings + GrpcCore);
            return test.RunAsync();
        }

        [Fact]
        public Task Grpc_method_whose_call_type_is_spelled_with_an_escape()
        {
            var test = new AnalyzerVerifier<RemoteCallWithoutDeadlineAnalyzer>.Test();
            test.TestState.Sources.Add(Usings + @"
public class Caller
{
    public void Run(Store.Escaped escaped, HelloRequest req) { escaped.{|DIST204:EscapedAsync|}(req); }
}");
            test.TestState.Sources.Add(@"namespace Store
{
    public class Escaped : Grpc.Core.ClientBase { public Grpc.Core.\u0041syncUnaryCall<Greet.HelloReply> EscapedAsync(Greet.HelloRequest request) => null; }
}");
            test.TestState.Sources.Add(Usings + GrpcCore);
            return test.RunAsync();
        }

        [Fact]
        public async Task Grpc_client_declared_in_a_referenced_assembly()
        {
            var grpc = await AnalyzerRunner.ImageAsync("Grpc.Core.Api", "using System;\nusing System.Threading;\n" + GrpcCore);
            var client = await AnalyzerRunner.ImageAsync("Store.Client", @"using System;
using System.Threading;
using Grpc.Core;
using Greet;
namespace Store
{
    public static class Stock
    {
        public class StockClient : ClientBase<StockClient>
        {
            public virtual HelloReply Count(HelloRequest request, Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) => null;
            public virtual HelloReply Count(HelloRequest request, CallOptions options) => null;
            public virtual AsyncUnaryCall<HelloReply> CountAsync(HelloRequest request, Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) => null;
        }
    }
}", grpc);
            var test = new AnalyzerVerifier<RemoteCallWithoutDeadlineAnalyzer>.Test();
            test.TestState.Sources.Add(@"using Greet;
public class Caller
{
    public void Run(Store.Stock.StockClient client, HelloRequest req)
    {
        client.{|DIST204:Count|}(req);
        client.{|DIST204:CountAsync|}(req);
        client.CountAsync(req, deadline: System.DateTime.UtcNow.AddSeconds(1));
    }
}");
            test.TestState.AdditionalReferences.Add(grpc);
            test.TestState.AdditionalReferences.Add(client);
            await test.RunAsync();
        }
    }
}
