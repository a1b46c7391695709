using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>Framework and library types of the failure-detection rules (DIST2xx). Common BCL types
    /// (CancellationToken, HttpClient…) are read with <see cref="Get"/> in the rules, so other labs' partials cannot clash.</summary>
    public sealed partial class KnownSymbols
    {
        public INamedTypeSymbol? SocketException => Get("System.Net.Sockets.SocketException");

        public INamedTypeSymbol? IOException => Get("System.IO.IOException");

        public INamedTypeSymbol? HttpRequestException => Get("System.Net.Http.HttpRequestException");

        public INamedTypeSymbol? TimeoutException => Get("System.TimeoutException");

        public INamedTypeSymbol? TaskCanceledException => Get("System.Threading.Tasks.TaskCanceledException");

        public INamedTypeSymbol? WebException => Get("System.Net.WebException");

        public INamedTypeSymbol? GrpcRpcException => Get("Grpc.Core.RpcException");

        public INamedTypeSymbol? GrpcClientBase => Get("Grpc.Core.ClientBase");

        public INamedTypeSymbol? GrpcCallOptions => Get("Grpc.Core.CallOptions");

        public INamedTypeSymbol? GrpcAsyncUnaryCall => Get("Grpc.Core.AsyncUnaryCall`1");

        public INamedTypeSymbol? GrpcAsyncServerStreamingCall => Get("Grpc.Core.AsyncServerStreamingCall`1");

        public INamedTypeSymbol? GrpcAsyncClientStreamingCall => Get("Grpc.Core.AsyncClientStreamingCall`2");

        public INamedTypeSymbol? GrpcAsyncDuplexStreamingCall => Get("Grpc.Core.AsyncDuplexStreamingCall`2");
    }
}
