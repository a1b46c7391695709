using System;
using System.Threading;

// Minimal stand-ins of the Grpc.Core types the DIST204 kata uses, under their real names: the katas build
// without the Grpc.Core package, and the analyzer matches these types by their metadata names.
namespace Grpc.Core
{
    public sealed class Metadata
    {
    }

    public readonly struct CallOptions
    {
        public CallOptions(Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
        {
            Headers = headers;
            Deadline = deadline;
            CancellationToken = cancellationToken;
        }

        public Metadata Headers { get; }

        public DateTime? Deadline { get; }

        public CancellationToken CancellationToken { get; }

        public CallOptions WithDeadline(DateTime deadline) => new CallOptions(Headers, deadline, CancellationToken);

        public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new CallOptions(Headers, Deadline, cancellationToken);
    }

    public sealed class AsyncUnaryCall<TResponse>
    {
        public AsyncUnaryCall(System.Threading.Tasks.Task<TResponse> responseAsync) => ResponseAsync = responseAsync;

        public System.Threading.Tasks.Task<TResponse> ResponseAsync { get; }

        public System.Runtime.CompilerServices.TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    }

    public abstract class ClientBase
    {
    }

    public abstract class ClientBase<T> : ClientBase
        where T : ClientBase<T>
    {
    }
}
