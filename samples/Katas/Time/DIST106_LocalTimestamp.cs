using System;

namespace Katas.Dist106;

// Kata: stamp an order before sending it to the warehouse service.
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
        CreatedAt = DateTime.Now,
        BusinessDay = DateTime.Today,
    };

    public OrderMessage PlaceAndLog()
    {
        var now = DateTime.Now;
        Console.WriteLine($"order placed at {now:t}");
        return new OrderMessage { Id = Guid.NewGuid(), CreatedAt = now };
    }
}
