using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>
/// The secure kernel's side of the test-guest run: a minimal boot-time HEKI policy (protect
/// memory from a heki page list, lock registers, end of boot) plus the bookkeeping calls that
/// bracket each scenario, so every refusal can be attributed to the attack that caused it.
/// Each refusal is reported on the console with what, where and how.
/// </summary>
/// <remarks>
/// Interim: the HEKI policy here is the smallest that exercises the backend; the VSM dispatcher
/// in kernel/Core/Heki replaces it as it lands (issue 5).
/// </remarks>
internal sealed class TestGuestSupervisor : IVtlEntryHandler
{
    internal const ulong TestBegin = 0x4C56_5401;
    internal const ulong TestReached = 0x4C56_5402;
    internal const ulong TestEnd = 0x4C56_5403;
    internal const ulong TestDone = 0x4C56_5404;
    internal const ulong TestNoop = 0x4C56_5405;

    private const long Eperm = -1;
    private const long Einval = -22;
    private const long Enosys = -38;
    private const int MaxScenarios = 32;

    private readonly ISecurePlatform _platform;
    private readonly ScenarioOutcome[] _outcomes = new ScenarioOutcome[MaxScenarios];
    private int _current = -1;
    private bool _registersLocked;
    private bool _endOfBoot;
    private ulong _pinnedCr0;
    private ulong _pinnedCr4;
    private ulong _pinnedEfer;

    private readonly ulong _ramStart;
    private readonly ulong _ramEnd;

    internal TestGuestSupervisor(ISecurePlatform platform, ulong ramStart, ulong ramEnd)
    {
        _platform = platform;
        _ramStart = ramStart;
        _ramEnd = ramEnd;
    }

    internal bool Done { get; private set; }

    internal ScenarioOutcome Outcome(int scenario) => _outcomes[scenario];

    public long OnEntry(in VtlEntry entry)
    {
        if (entry.Reason == VtlEntryReason.Call)
        {
            return OnCall(entry.Call);
        }
        if (entry.Reason == VtlEntryReason.Intercept)
        {
            OnIntercept(entry.Intercept);
        }
        return 0;
    }

    private long OnCall(in VtlCall call)
    {
        switch (call.FunctionId)
        {
            case TestBegin:
                _current = call.Arg1 < MaxScenarios ? (int)call.Arg1 : -1;
                if (_current >= 0)
                {
                    _outcomes[_current].Ran = true;
                }
                return 0;
            case TestReached:
                if (_current >= 0)
                {
                    _outcomes[_current].Reached = true;
                }
                return 0;
            case TestEnd:
                _current = -1;
                return 0;
            case TestDone:
                Done = true;
                return 0;
            case (ulong)VtlCallFunction.ProtectMemory:
                return ProtectMemory(call.Arg1, call.Arg2);
            case (ulong)VtlCallFunction.LockRegs:
                return LockRegisters();
            case (ulong)VtlCallFunction.SignalEndOfBoot:
                _endOfBoot = true;
                return 0;
            default:
                return Enosys;
        }
    }

    private long ProtectMemory(ulong pagePa, ulong totalRanges)
    {
        if (_endOfBoot)
        {
            Refuse("boot-only VTL call PROTECT_MEMORY after end of boot", pagePa, 0, "returned -EPERM", injectFault: false);
            return Eperm;
        }
        byte[] page = new byte[HekiPage.Size];
        if (_platform.Memory.Read(pagePa, page) != BindingStatus.Success ||
            HekiPage.TryParse(page, out HekiPageHeader header) != HekiPageStatus.Ok || header.RangeCount != totalRanges)
        {
            return Einval;
        }
        for (int i = 0; i < (int)header.RangeCount; i++)
        {
            HekiRange range = HekiPage.GetRange(page, i);
            VtlPermissions permissions = VtlPermissions.None;
            if ((range.Attributes & 1) != 0)
            {
                permissions |= VtlPermissions.Read;
            }
            if ((range.Attributes & 2) != 0)
            {
                permissions |= VtlPermissions.Write;
            }
            if ((range.Attributes & 4) != 0)
            {
                permissions |= VtlPermissions.KernelExecute | VtlPermissions.UserExecute;
            }
            ulong pages = (range.Epa - range.Pa + 4095) / 4096;
            BindingStatus s = _platform.Protection.SetLowerVtlPermissions(range.Pa >> 12, pages, permissions);
            if (s != BindingStatus.Success)
            {
                return Einval;
            }
        }
        return 0;
    }

    private long LockRegisters()
    {
        if (_endOfBoot)
        {
            return Eperm;
        }
        _platform.Registers.ReadRegister(0, VpRegister.Cr0, out _pinnedCr0);
        _platform.Registers.ReadRegister(0, VpRegister.Cr4, out _pinnedCr4);
        _platform.Registers.ReadRegister(0, VpRegister.Efer, out _pinnedEfer);
        InterceptConfiguration configuration;
        configuration.Set = InterceptSet.LvbsLockRegs;
        configuration.Cr0Mask = InterceptConfiguration.LvbsCr0Mask;
        configuration.Cr4Mask = InterceptConfiguration.LvbsCr4Mask;
        _registersLocked = true;
        return _platform.Intercepts.ArmIntercepts(0, configuration) == BindingStatus.Success ? 0 : Einval;
    }

    private void OnIntercept(in Intercept intercept)
    {
        switch (intercept.Kind)
        {
            case InterceptKind.ControlRegisterWrite:
                ulong pinned = intercept.Register == VpRegister.Cr0 ? _pinnedCr0 : _pinnedCr4;
                ulong mask = intercept.Register == VpRegister.Cr0 ? InterceptConfiguration.LvbsCr0Mask : InterceptConfiguration.LvbsCr4Mask;
                if (_registersLocked && ((intercept.Value ^ pinned) & mask) != 0)
                {
                    Refuse(intercept.Register == VpRegister.Cr0 ? "CR0 write changing a pinned bit" : "CR4 write changing a pinned bit",
                        intercept.Value, intercept.Rip, "injected #GP");
                    return;
                }
                Apply(intercept.Register, intercept.Value, intercept);
                return;
            case InterceptKind.MsrWrite:
                // EFER: only NXE, LME and SCE are pinned; other MSRs on the lock list may not change at all.
                if (intercept.Msr == 0xC000_0080 && ((intercept.Value ^ _pinnedEfer) & 0xD01UL) == 0)
                {
                    Apply(VpRegister.Efer, intercept.Value, intercept);
                    return;
                }
                Refuse("write to a locked MSR", intercept.Msr, intercept.Rip, "injected #GP");
                return;
            case InterceptKind.DescriptorTableWrite:
                Refuse(intercept.Register == VpRegister.IdtrBase ? "IDT load after lock" : "descriptor-table load after lock",
                    0, intercept.Rip, "injected #GP");
                return;
            case InterceptKind.GpaAccess:
                bool outsideRam = intercept.Gpa < _ramStart || intercept.Gpa >= _ramEnd;
                Refuse(outsideRam ? (intercept.Access == MemoryAccess.Write ? "write outside VTL0 memory (secure kernel)" : "access outside VTL0 memory (secure kernel)")
                    : intercept.Access == MemoryAccess.Write ? "write to protected memory"
                    : intercept.Access == MemoryAccess.Read ? "read of protected memory" : "execute from non-executable memory",
                    intercept.Gpa, intercept.Rip, "nested page fault, injected #GP");
                return;
            default:
                Refuse("unknown intercept", 0, intercept.Rip, "injected #GP");
                return;
        }
    }

    private void Apply(VpRegister register, ulong value, in Intercept intercept)
    {
        _platform.Registers.WriteRegister(0, register, value);
        _platform.Registers.WriteRegister(0, VpRegister.Rip, intercept.Rip + intercept.InstructionLength);
    }

    private void Refuse(string what, ulong where, ulong rip, string how, bool injectFault = true)
    {
        if (_current >= 0)
        {
            _outcomes[_current].Blocked = true;
        }
        if (injectFault)
        {
            _platform.Injection.InjectException(0, ExceptionEvent.GeneralProtectionFault());
        }
        Console.Write("  secure kernel: blocked ");
        Console.Write(what);
        Console.Write(" at ");
        Console.WriteHex(where);
        Console.Write(", rip ");
        Console.WriteHex(rip);
        Console.Write(" (");
        Console.Write(how);
        Console.WriteLine(")");
    }
}

/// <summary>What the supervisor saw during one scenario.</summary>
internal struct ScenarioOutcome
{
    public bool Ran;
    public bool Reached;
    public bool Blocked;
}
