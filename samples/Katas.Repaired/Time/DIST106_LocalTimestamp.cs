using System;

namespace Katas.Dist106;

// Repaired: timestamps that leave the process are UTC; local time is only for the person reading the log.
public sealed class OrderMessage
{
    public Guid Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime BusinessDay { get; set; }
}

public sealed class OrderDesk
{
    public OrderMessage Place() => new OrderMessage
    {
        Id = Guid.NewGuid(),
        CreatedAt = DateTime.UtcNow,
        BusinessDay = DateTime.UtcNow.Date,
    };

    public OrderMessage PlaceAndLog()
    {
        var now = DateTime.UtcNow;
        Console.WriteLine($"order placed at {now.ToLocalTime():t}");
        return new OrderMessage { Id = Guid.NewGuid(), CreatedAt = now };
    }
}
