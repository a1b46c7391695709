using System;
using System.Net;
using System.Net.Http;

namespace Katas.Dist401;

// Kata: join a cluster and call the inventory service.
// The student pinned the machines that happened to run the seeds and the service on the day of the lab.
public sealed class ClusterSettings
{
    public string[] Seeds { get; set; } = { "10.0.0.7:2551", "10.0.0.8:2551" };

    public string InventoryUrl { get; set; } = "http://10.0.0.9:5000";

    public string[] EtcdPeerUrls { get; set; } = ["http://10.0.1.1:2380", "http://10.0.1.2:2380", "http://10.0.1.3:2380"];
}

public sealed class InventoryClient
{
    private readonly HttpClient http = new HttpClient();

    public InventoryClient()
    {
        http.BaseAddress = new Uri("http://10.0.0.9:5000/");
    }

    public IPEndPoint MetricsEndpoint() => new IPEndPoint(IPAddress.Parse("10.0.0.10"), 9100);
}
