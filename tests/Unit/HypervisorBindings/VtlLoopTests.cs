using System.Collections.Generic;
using Lvbs.Hypervisor.Abstractions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings;

/// <summary>The per-VP loop hands each entry to the handler and the handler's result back to the backend.</summary>
public class VtlLoopTests
{
    private sealed class ScriptedBackend : IVtlEntry
    {
        public Queue<VtlEntry> Entries { get; } = new();

        public List<long> Results { get; } = new();

        public BindingStatus ReturnToLower(uint vp, long result, out VtlEntry next)
        {
            Results.Add(result);
            if (Entries.Count == 0)
            {
                next = default;
                return BindingStatus.HardwareFailure;
            }

            next = Entries.Dequeue();
            return BindingStatus.Success;
        }
    }

    private sealed class EchoHandler : IVtlEntryHandler
    {
        public long OnEntry(in VtlEntry entry) => entry.Reason == VtlEntryReason.Call ? (long)entry.Call.Arg1 * 2 : -1;
    }

    [Test]
    public void ResultsFlowBackUntilTheBackendFails()
    {
        var b = new ScriptedBackend();
        b.Entries.Enqueue(new VtlEntry { Reason = VtlEntryReason.Call, Call = new VtlCall { Arg1 = 21 } });
        b.Entries.Enqueue(new VtlEntry { Reason = VtlEntryReason.Interrupt });
        Assert.That(VtlLoop.Run(b, new EchoHandler(), 0, 7), Is.EqualTo(BindingStatus.HardwareFailure));
        Assert.That(b.Results, Is.EqualTo(new long[] { 7, 42, -1 }));
    }
}
