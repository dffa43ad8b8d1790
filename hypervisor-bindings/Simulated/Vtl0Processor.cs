using System;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.Simulated;

/// <summary>
/// The VTL0 side of one simulated VP: the instructions the normal kernel executes that the
/// secure kernel can observe. Memory accesses are checked page by page against VTL0's
/// second-level permissions; writes to armed registers trap to VTL1 before taking effect.
/// A denied access never completes: if VTL1 injects nothing, VTL0 takes #GP (real hardware
/// would re-execute the instruction forever).
/// </summary>
public sealed class Vtl0Processor
{
    /// <summary>Length of MOV CRn, reg (0F 22 /r).</summary>
    public const byte MovCrLength = 3;
    /// <summary>Length of WRMSR (0F 30).</summary>
    public const byte WrmsrLength = 2;

    /// <summary>XSETBV is 0F 01 D1.</summary>
    public const byte XsetbvLength = 3;
    /// <summary>Length of LGDT/LIDT/LLDT/LTR with a register or simple memory operand.</summary>
    public const byte DescriptorLoadLength = 3;

    private readonly SimulatedMachine _machine;
    private readonly SimulatedVcpu _vcpu;

    internal Vtl0Processor(SimulatedMachine machine, SimulatedVcpu vcpu)
    {
        _machine = machine;
        _vcpu = vcpu;
    }

    /// <summary>The exception VTL0 took on its last faulted instruction.</summary>
    public ExceptionEvent? LastException { get; private set; }

    /// <summary>The VP state.</summary>
    public SimulatedVcpu Vcpu => _vcpu;

    /// <summary>Kernel-mode data read.</summary>
    public Vtl0Outcome Read(ulong gpa, Span<byte> destination)
    {
        Vtl0Outcome o = CheckPages(gpa, (ulong)destination.Length, MemoryAccess.Read);
        if (o == Vtl0Outcome.Completed)
        {
            _machine.Ram.Read(gpa, destination);
        }

        return o;
    }

    /// <summary>Kernel-mode data write.</summary>
    public Vtl0Outcome Write(ulong gpa, ReadOnlySpan<byte> source)
    {
        Vtl0Outcome o = CheckPages(gpa, (ulong)source.Length, MemoryAccess.Write);
        if (o == Vtl0Outcome.Completed)
        {
            _machine.Ram.Write(gpa, source);
        }

        return o;
    }

    /// <summary>Instruction fetch of <paramref name="length"/> bytes at CPL 0 or CPL 3.</summary>
    public Vtl0Outcome Execute(ulong gpa, ulong length, bool userMode)
    {
        return CheckPages(gpa, length, userMode ? MemoryAccess.UserExecute : MemoryAccess.KernelExecute);
    }

    /// <summary>MOV CR0, reg.</summary>
    public Vtl0Outcome WriteCr0(ulong value) => WriteControlRegister(VpRegister.Cr0, value);

    /// <summary>MOV CR4, reg.</summary>
    public Vtl0Outcome WriteCr4(ulong value) => WriteControlRegister(VpRegister.Cr4, value);

    /// <summary>WRMSR. Unknown MSR indices take #GP, as on hardware.</summary>
    public Vtl0Outcome WriteMsr(uint msr, ulong value)
    {
        VpRegister reg = MsrRegister(msr);
        if (reg == VpRegister.Rax)
        {
            return Fault(ExceptionEvent.GeneralProtectionFault());
        }

        if ((_vcpu.Intercepts.Set & VpRegisters.InterceptFor(reg)) != 0)
        {
            return Trap(InterceptKind.MsrWrite, reg, msr, value, WrmsrLength);
        }

        _vcpu.Set(reg, value);
        _vcpu.AdvanceRip(WrmsrLength);
        return Vtl0Outcome.Completed;
    }

    /// <summary>
    /// XSETBV (0F 01 D1): ECX = XCR index, EDX:EAX = value. Traps before the write when XCR0
    /// writes are intercepted; otherwise only XCR0 is writable and any other index takes #GP,
    /// as on hardware.
    /// </summary>
    public Vtl0Outcome Xsetbv(uint index, ulong value)
    {
        if ((_vcpu.Intercepts.Set & InterceptSet.Xcr0Write) != 0)
        {
            return Trap(InterceptKind.XcrWrite, VpRegister.Xcr0, index, value, XsetbvLength);
        }

        if (index != 0)
        {
            return Fault(ExceptionEvent.GeneralProtectionFault());
        }

        _vcpu.Set(VpRegister.Xcr0, value);
        _vcpu.AdvanceRip(XsetbvLength);
        return Vtl0Outcome.Completed;
    }

    /// <summary>LGDT: writes base (limit set alongside).</summary>
    public Vtl0Outcome Lgdt(ulong baseAddress, ushort limit) => LoadTable(VpRegister.GdtrBase, VpRegister.GdtrLimit, baseAddress, limit);

    /// <summary>LIDT.</summary>
    public Vtl0Outcome Lidt(ulong baseAddress, ushort limit) => LoadTable(VpRegister.IdtrBase, VpRegister.IdtrLimit, baseAddress, limit);

    /// <summary>LLDT.</summary>
    public Vtl0Outcome Lldt(ushort selector) => LoadSelector(VpRegister.LdtrSelector, selector);

    /// <summary>LTR.</summary>
    public Vtl0Outcome Ltr(ushort selector) => LoadSelector(VpRegister.TrSelector, selector);

    /// <summary>
    /// The LVBS VTL call: RDI/RSI/RDX/R8 in, result in R8, RCX clobbered (lvbs-abi.md §1.1).
    /// Returns false when VTL1 is not enabled on this VP (the hypercall page call fails).
    /// </summary>
    public bool TryVtlCall(ulong rdi, ulong rsi, ulong rdx, ulong r8, out long result)
    {
        result = 0;
        if (!_vcpu.Vtl1Enabled)
        {
            return false;
        }

        _vcpu.Set(VpRegister.Rdi, rdi);
        _vcpu.Set(VpRegister.Rsi, rsi);
        _vcpu.Set(VpRegister.Rdx, rdx);
        _vcpu.Set(VpRegister.R8, r8);
        _vcpu.Set(VpRegister.Rcx, 0);
        VtlEntry entry = default;
        entry.Reason = VtlEntryReason.Call;
        entry.Vp = _vcpu.Index;
        entry.Call.Vp = _vcpu.Index;
        entry.Call.FunctionId = rdi;
        entry.Call.Arg1 = rsi;
        entry.Call.Arg2 = rdx;
        entry.Call.Arg3 = r8;
        result = _machine.Enter(_vcpu, in entry);
        _vcpu.Set(VpRegister.R8, unchecked((ulong)result));
        return true;
    }

    /// <summary><see cref="TryVtlCall"/> for tests that expect VTL1 to be up.</summary>
    public long VtlCall(ulong rdi, ulong rsi = 0, ulong rdx = 0, ulong r8 = 0)
    {
        if (!TryVtlCall(rdi, rsi, rdx, r8, out long result))
        {
            throw new InvalidOperationException("VTL1 is not enabled on this VP");
        }

        return result;
    }

    private Vtl0Outcome CheckPages(ulong gpa, ulong length, MemoryAccess access)
    {
        if (length == 0)
        {
            return Vtl0Outcome.Completed; // touches no page
        }

        ulong end = gpa + length;
        if (end < gpa || end > _machine.Options.RamSize)
        {
            // Outside guest RAM: an unmapped GPA, delivered like a denied access.
            return Deny(gpa, access);
        }

        for (ulong page = gpa & ~0xFFFUL; page < end; page += 0x1000)
        {
            if (!SecondLevelPermissions.Allows(_machine.Vtl0Permissions.Get(page >> 12), access))
            {
                return Deny(page < gpa ? gpa : page, access);
            }
        }

        return Vtl0Outcome.Completed;
    }

    private Vtl0Outcome Deny(ulong gpa, MemoryAccess access)
    {
        Intercept i = default;
        i.Vp = _vcpu.Index;
        i.Kind = InterceptKind.GpaAccess;
        i.Gpa = gpa;
        i.Access = access;
        i.Rip = _vcpu.Get(VpRegister.Rip);
        VtlEntry entry = default;
        entry.Reason = VtlEntryReason.Intercept;
        entry.Vp = _vcpu.Index;
        entry.Intercept = i;
        _machine.Enter(_vcpu, in entry);
        ExceptionEvent e = _vcpu.PendingException ?? ExceptionEvent.GeneralProtectionFault();
        _vcpu.PendingException = null;
        return Fault(e);
    }

    private Vtl0Outcome WriteControlRegister(VpRegister reg, ulong value)
    {
        InterceptConfiguration c = _vcpu.Intercepts;
        ulong mask = reg == VpRegister.Cr0 ? c.Cr0Mask : c.Cr4Mask;
        if ((c.Set & VpRegisters.InterceptFor(reg)) != 0 && ((_vcpu.Get(reg) ^ value) & mask) != 0)
        {
            return Trap(InterceptKind.ControlRegisterWrite, reg, 0, value, MovCrLength);
        }

        _vcpu.Set(reg, value);
        _vcpu.AdvanceRip(MovCrLength);
        return Vtl0Outcome.Completed;
    }

    private Vtl0Outcome LoadTable(VpRegister baseReg, VpRegister limitReg, ulong baseAddress, ushort limit)
    {
        if ((_vcpu.Intercepts.Set & VpRegisters.InterceptFor(baseReg)) != 0)
        {
            // The limit travels with the base; VTL1 sees the new base as the value.
            return Trap(InterceptKind.DescriptorTableWrite, baseReg, 0, baseAddress, DescriptorLoadLength);
        }

        _vcpu.Set(baseReg, baseAddress);
        _vcpu.Set(limitReg, limit);
        _vcpu.AdvanceRip(DescriptorLoadLength);
        return Vtl0Outcome.Completed;
    }

    private Vtl0Outcome LoadSelector(VpRegister reg, ushort selector)
    {
        if ((_vcpu.Intercepts.Set & VpRegisters.InterceptFor(reg)) != 0)
        {
            return Trap(InterceptKind.DescriptorTableWrite, reg, 0, selector, DescriptorLoadLength);
        }

        _vcpu.Set(reg, selector);
        _vcpu.AdvanceRip(DescriptorLoadLength);
        return Vtl0Outcome.Completed;
    }

    private Vtl0Outcome Trap(InterceptKind kind, VpRegister reg, uint msr, ulong value, byte length)
    {
        Intercept i = default;
        i.Vp = _vcpu.Index;
        i.Kind = kind;
        i.Register = reg;
        i.Msr = msr;
        i.Value = value;
        i.InstructionLength = length;
        i.Rip = _vcpu.Get(VpRegister.Rip);
        VtlEntry entry = default;
        entry.Reason = VtlEntryReason.Intercept;
        entry.Vp = _vcpu.Index;
        entry.Intercept = i;
        _machine.Enter(_vcpu, in entry);
        if (_vcpu.PendingException is ExceptionEvent e)
        {
            _vcpu.PendingException = null;
            return Fault(e);
        }

        return Vtl0Outcome.Completed;
    }

    private Vtl0Outcome Fault(ExceptionEvent e)
    {
        LastException = e;
        return Vtl0Outcome.Faulted;
    }

    private static VpRegister MsrRegister(uint msr)
    {
        switch (msr)
        {
            case 0xC000_0080: return VpRegister.Efer;
            case 0xC000_0081: return VpRegister.Star;
            case 0xC000_0082: return VpRegister.Lstar;
            case 0xC000_0083: return VpRegister.Cstar;
            case 0xC000_0084: return VpRegister.Sfmask;
            case 0xC000_0102: return VpRegister.KernelGsBase;
            case 0x1B: return VpRegister.ApicBase;
            case 0x174: return VpRegister.SysenterCs;
            case 0x175: return VpRegister.SysenterEsp;
            case 0x176: return VpRegister.SysenterEip;
            case 0x277: return VpRegister.Pat;
            default: return VpRegister.Rax; // sentinel: not an MSR this machine models
        }
    }
}
