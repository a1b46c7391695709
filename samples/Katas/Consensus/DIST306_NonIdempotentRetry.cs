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

/// <summary>A command with no id at all.</summary>
public sealed record SetBalance(string Account, decimal Amount);

public interface IRaftClient
{
    /// <summary>Sends a command to the leader and completes when it is committed; throws <see cref="TimeoutException"/> when no reply comes.</summary>
    Task ProposeAsync(object command);
}

/// <summary>
/// Kata: "Raft gives exactly-once, so the client can just retry." A timeout does not say whether the leader
/// committed the command before the reply was lost; a retry that the state machine cannot recognise as the
/// same command moves the money twice.
/// </summary>
public sealed class BankClient
{
    private readonly IRaftClient _raft;

    public BankClient(IRaftClient raft) => _raft = raft;

    public async Task SendTransferAsync(string from, string to, decimal amount)
    {
        var command = new TransferCommand { From = from, To = to, Amount = amount };
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            command.CommandId = Guid.NewGuid();
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
        while (true)
        {
            try
            {
                await _raft.ProposeAsync(new SetBalance(account, amount));
                break;
            }
            catch (TimeoutException)
            {
                await Task.Delay(100);
            }
        }
    }
}
