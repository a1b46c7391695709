using System;
using System.Net;
using System.Net.Http;

namespace Katas.Dist401;

// Repaired: the code names roles; where each role runs today comes from configuration or DNS.
public sealed class ClusterSettings
{
    // Bound from configuration (appsettings.json, environment variables); empty until configured.
    public string[] Seeds { get; set; } = Array.Empty<string>();

    // A DNS name the platform keeps pointing at the service, wherever it runs.
    public string InventoryUrl { get; set; } = "http://inventory.internal:5000";

    // Stable names (a headless service / DNS records), not the machines of the day.
    public string[] EtcdPeerUrls { get; set; } = ["http://etcd-0.etcd:2380", "http://etcd-1.etcd:2380", "http://etcd-2.etcd:2380"];
}

public sealed class InventoryClient
{
    private readonly HttpClient http = new HttpClient();

    public InventoryClient(ClusterSettings settings)
    {
        http.BaseAddress = new Uri(settings.InventoryUrl);
    }

    public DnsEndPoint MetricsEndpoint() => new DnsEndPoint("metrics.internal", 9100);

    // Binding to every local interface is not a topology assumption.
    public IPEndPoint ListenOn() => new IPEndPoint(IPAddress.Parse("0.0.0.0"), 9100);
}
