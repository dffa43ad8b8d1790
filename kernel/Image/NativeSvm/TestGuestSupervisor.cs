using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>
/// The secure kernel's side of the test-guest run: every VTL call and intercept goes to the
/// kernel's VSM dispatcher (kernel/Core/Heki), exactly as for a real VTL0; this class only adds
/// the bookkeeping calls that bracket each scenario, so every refusal can be attributed to the
/// attack that caused it, and reports each refusal with what, where and how.
/// </summary>
internal sealed class TestGuestSupervisor : IVtlEntryHandler
{
    internal const ulong TestBegin = 0x4C56_5401;
    internal const ulong TestReached = 0x4C56_5402;
    internal const ulong TestEnd = 0x4C56_5403;
    internal const ulong TestDone = 0x4C56_5404;
    internal const ulong TestNoop = 0x4C56_5405;

    private const int MaxScenarios = 32;
    private const long Eperm = -1;

    private readonly VsmDispatcher _dispatcher;
    private readonly ScenarioOutcome[] _outcomes = new ScenarioOutcome[MaxScenarios];
    private int _current = -1;

    internal TestGuestSupervisor(ISecurePlatform platform, ulong ramStart, ulong ramEnd, ulong vtl1Start, ulong vtl1End)
    {
        _dispatcher = new VsmDispatcher(platform, new VsmDispatcherOptions
        {
            Vtl1Start = vtl1Start,
            Vtl1End = vtl1End,
            LowerVtlRamEnd = ramEnd,
        });
    }

    internal bool Done { get; private set; }

    internal ScenarioOutcome Outcome(int scenario) => _outcomes[scenario];

    public long OnEntry(in VtlEntry entry)
    {
        if (entry.Reason == VtlEntryReason.Call && TryBookkeeping(entry.Call))
        {
            return 0;
        }
        ulong refusalsBefore = _dispatcher.Refusals.Total;
        bool bootBefore = !_dispatcher.EndOfBoot;
        long result = _dispatcher.OnEntry(entry);
        if (_dispatcher.Refusals.Total != refusalsBefore && _dispatcher.Refusals.TryGetLatest(out RefusalRecord record))
        {
            Blocked();
            Report(record);
        }
        else if (entry.Reason == VtlEntryReason.Call && result == Eperm && !bootBefore)
        {
            Blocked();
            Console.Write("  secure kernel: blocked boot-only VTL call ");
            Console.WriteHex(entry.Call.FunctionId);
            Console.WriteLine(" after end of boot (returned -EPERM)");
        }
        return result;
    }

    private bool TryBookkeeping(in VtlCall call)
    {
        switch (call.FunctionId)
        {
            case TestBegin:
                _current = call.Arg1 < MaxScenarios ? (int)call.Arg1 : -1;
                if (_current >= 0)
                {
                    _outcomes[_current].Ran = true;
                }
                return true;
            case TestReached:
                if (_current >= 0)
                {
                    _outcomes[_current].Reached = true;
                }
                return true;
            case TestEnd:
                _current = -1;
                return true;
            case TestDone:
                Done = true;
                return true;
            default:
                return false;
        }
    }

    private void Blocked()
    {
        if (_current >= 0)
        {
            _outcomes[_current].Blocked = true;
        }
    }

    private static void Report(in RefusalRecord record)
    {
        Console.Write("  secure kernel: blocked ");
        Console.Write(Describe(record));
        Console.Write(record.Kind == InterceptKind.GpaAccess ? " at gpa " : " value ");
        Console.WriteHex(record.Kind == InterceptKind.GpaAccess ? record.Gpa : record.AttemptedValue);
        Console.Write(", rip ");
        Console.WriteHex(record.Rip);
        Console.WriteLine(" (injected #GP)");
    }

    private static string Describe(in RefusalRecord record) => record.Reason switch
    {
        RefusalReason.PinnedBitsChanged => record.Register switch
        {
            VpRegister.Cr0 => "CR0 write changing a pinned bit",
            VpRegister.Cr4 => "CR4 write changing a pinned bit",
            VpRegister.Efer => "EFER write changing a pinned bit",
            _ => "write to a locked MSR",
        },
        RefusalReason.DescriptorTableLocked => record.Register == VpRegister.IdtrBase ? "IDT load after lock" : "descriptor-table load after lock",
        RefusalReason.MemoryAccessDenied => record.Access switch
        {
            MemoryAccess.Write => "write to memory VTL0 may not write",
            MemoryAccess.Read => "read of memory VTL0 may not read",
            _ => "execute from memory VTL0 may not execute",
        },
        RefusalReason.MsrMismatch => "MSR write that does not match its register",
        RefusalReason.NotLocked => "intercept before LOCK_REGS",
        _ => "action",
    };
}

/// <summary>What the supervisor saw during one scenario.</summary>
internal struct ScenarioOutcome
{
    public bool Ran;
    public bool Reached;
    public bool Blocked;
}
