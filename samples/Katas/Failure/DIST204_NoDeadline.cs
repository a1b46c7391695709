using System;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Grpc.Core;

namespace Katas.Dist204;

// Kata: "Since we run a modern cloud, we don't have partial failures anymore."

public sealed class PriceRequest
{
    public string Sku { get; init; } = "";
}

public sealed class PriceReply
{
    public decimal Price { get; init; }
}

// What protoc generates for a unary RPC, reduced to the overloads the kata uses.
public sealed class PricingClient : ClientBase<PricingClient>
{
    public AsyncUnaryCall<PriceReply> GetPriceAsync(PriceRequest request, Metadata headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) =>
        new AsyncUnaryCall<PriceReply>(Task.FromResult(new PriceReply()));

    public AsyncUnaryCall<PriceReply> GetPriceAsync(PriceRequest request, CallOptions options) =>
        new AsyncUnaryCall<PriceReply>(Task.FromResult(new PriceReply()));
}

public sealed class Checkout
{
    private readonly HttpClient http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    private readonly PricingClient pricing = new PricingClient();

    public async Task<decimal> TotalAsync(PriceRequest request)
    {
        var reply = await pricing.GetPriceAsync(request);
        var again = await pricing.GetPriceAsync(request, new CallOptions());
        return reply.Price + again.Price;
    }

    public string Stock(string url) => http.GetStringAsync(url).Result;

    public static Socket Connect()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.ReceiveTimeout = 0;
        return socket;
    }
}
