using System;
using System.Threading.Tasks;

namespace Katas.Dist306;

/// <summary>A command replicated through the Raft log; the state machine deduplicates by <see cref="CommandId"/>.</summary>
public sealed class TransferCommand
{
    public Guid CommandId { get; set; }

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public decimal Amount { get; set; }
}

/// <summary>Repaired: the command carries the id the state machine deduplicates by.</summary>
public sealed record SetBalance(Guid CommandId, string Account, decimal Amount);

public interface IRaftClient
{
    /// <summary>Sends a command to the leader and completes when it is committed; throws <see cref="TimeoutException"/> when no reply comes.</summary>
    Task ProposeAsync(object command);
}

/// <summary>
/// Repaired: each command gets its id once, before the first attempt, and every retry sends the same id. The
/// replicated state machine remembers the ids it has applied (per client: the highest sequence number and its
/// reply) and answers a duplicate with the stored result instead of applying it again.
/// </summary>
public sealed class BankClient
{
    private readonly IRaftClient _raft;

    public BankClient(IRaftClient raft) => _raft = raft;

    public async Task SendTransferAsync(string from, string to, decimal amount)
    {
        var command = new TransferCommand { CommandId = Guid.NewGuid(), From = from, To = to, Amount = amount };
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await _raft.ProposeAsync(command);
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    public async Task SendBalanceAsync(string account, decimal amount)
    {
        var command = new SetBalance(Guid.NewGuid(), account, amount);
        while (true)
        {
            try
            {
                await _raft.ProposeAsync(command);
                break;
            }
            catch (TimeoutException)
            {
                await Task.Delay(100);
            }
        }
    }
}
