using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Definitions;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

public sealed unsafe partial class NativeSvmPlatform
{
    private const int VmmcallLength = 3; // 0F 01 D9

    /// <summary>
    /// Resumes the guest (completing a pending VTL call with <paramref name="result"/> in R8) and
    /// runs it until an exit the kernel must see. Intercepted instructions are left un-executed:
    /// the handler either applies the write and advances RIP by the decoded length, or injects
    /// an exception. Returns a failure when the guest cannot continue (<see cref="StopReason"/>).
    /// </summary>
    public BindingStatus ReturnToLower(uint vp, long result, out VtlEntry next)
    {
        next = default;
        if (vp != 0 || !_started)
        {
            StopReason = SvmStopReason.NotStarted;
            return BindingStatus.NotSupported;
        }
        if (_callPending)
        {
            _context->R8 = (ulong)result;
            _vmcb.Rip += VmmcallLength;
            _callPending = false;
        }
        while (true)
        {
            _port.Run(_vmcb.PhysicalAddress, _context);
            ExitCount++;
            _vmcb.Write8(VmcbOffsets.TlbControl, 0);
            SvmExitCode code = _vmcb.ExitCode;
            next.Vp = 0;
            switch (code)
            {
                case SvmExitCode.Vmmcall:
                    next.Reason = VtlEntryReason.Call;
                    next.Call.Vp = 0;
                    next.Call.FunctionId = _context->Rdi;
                    next.Call.Arg1 = _context->Rsi;
                    next.Call.Arg2 = _context->Rdx;
                    next.Call.Arg3 = _context->R8;
                    _callPending = true;
                    return BindingStatus.Success;
                case SvmExitCode.WriteCr0:
                case SvmExitCode.WriteCr4:
                    if (TryDescribeCrWrite(code == SvmExitCode.WriteCr0 ? VpRegister.Cr0 : VpRegister.Cr4, out next))
                    {
                        return BindingStatus.Success;
                    }
                    return Stop(SvmStopReason.UnhandledExit, code);
                case SvmExitCode.Msr:
                    if (_vmcb.ExitInfo1 != 1)
                    {
                        EmulateMsrRead();
                        continue;
                    }
                    next.Reason = VtlEntryReason.Intercept;
                    next.Intercept.Kind = InterceptKind.MsrWrite;
                    next.Intercept.Msr = (uint)_context->Rcx;
                    next.Intercept.Register = RegisterOfMsr(next.Intercept.Msr);
                    next.Intercept.Value = (_context->Rdx << 32) | (uint)_vmcb.Read64(VmcbOffsets.Rax);
                    if (next.Intercept.Msr == SvmArchitecture.MsrEfer)
                    {
                        next.Intercept.Value &= ~SvmArchitecture.EferSvme; // hidden from the guest (see EmulateMsrRead)
                    }
                    next.Intercept.InstructionLength = 2;
                    next.Intercept.Rip = _vmcb.Rip;
                    return BindingStatus.Success;
                case SvmExitCode.Xsetbv:
                    // ECX = XCR index, EDX:EAX = new value (APM Vol. 3 XSETBV); 0F 01 D1, not yet executed.
                    next.Reason = VtlEntryReason.Intercept;
                    next.Intercept.Kind = InterceptKind.XcrWrite;
                    next.Intercept.Register = VpRegister.Xcr0;
                    next.Intercept.Msr = (uint)_context->Rcx;
                    next.Intercept.Value = (_context->Rdx << 32) | (uint)_vmcb.Read64(VmcbOffsets.Rax);
                    next.Intercept.InstructionLength = 3;
                    next.Intercept.Rip = _vmcb.Rip;
                    return BindingStatus.Success;
                case SvmExitCode.GdtrWrite:
                case SvmExitCode.IdtrWrite:
                case SvmExitCode.LdtrWrite:
                case SvmExitCode.TrWrite:
                    if (TryDescribeDescriptorWrite(code, out next))
                    {
                        return BindingStatus.Success;
                    }
                    return Stop(SvmStopReason.UnhandledExit, code);
                case SvmExitCode.NestedPageFault:
                    DescribeNestedPageFault(out next);
                    return BindingStatus.Success;
                case SvmExitCode.Vmrun:
                case SvmExitCode.Vmload:
                case SvmExitCode.Vmsave:
                case SvmExitCode.Stgi:
                case SvmExitCode.Clgi:
                case SvmExitCode.Skinit:
                    // The guest sees EFER.SVME clear, so SVM instructions are #UD for it.
                    InjectException(0, new ExceptionEvent { Vector = 6 });
                    continue;
                case SvmExitCode.Hlt:
                    return Stop(SvmStopReason.Halted, code);
                case SvmExitCode.IoIo:
                    // EXITINFO1: bit 0 IN, bits 4-6 size, bits 16-31 port; EXITINFO2: next RIP (§15.10.2).
                    ulong io = _vmcb.ExitInfo1;
                    LastPortAccess = new PortAccess
                    {
                        Port = (ushort)(io >> 16),
                        IsIn = (io & 1) != 0,
                        Size = (byte)((io & 0x10) != 0 ? 1 : (io & 0x20) != 0 ? 2 : 4),
                        Value = _vmcb.Read64(VmcbOffsets.Rax),
                        NextRip = _vmcb.ExitInfo2,
                    };
                    return Stop(SvmStopReason.PortAccess, code);
                case SvmExitCode.Shutdown:
                    return Stop(SvmStopReason.Shutdown, code);
                case SvmExitCode.Invalid:
                    return Stop(SvmStopReason.InvalidState, code);
                default:
                    return Stop(SvmStopReason.UnhandledExit, code);
            }
        }
    }

    /// <summary>The intercepted port access behind a <see cref="SvmStopReason.PortAccess"/> stop.</summary>
    public PortAccess LastPortAccess { get; private set; }

    /// <summary>
    /// Intercepts guest I/O to <paramref name="port"/> (IOPM bit, APM Vol. 2 §15.10.1). Such an
    /// access stops <see cref="ReturnToLower"/> with <see cref="SvmStopReason.PortAccess"/>; the
    /// caller emulates it and calls <see cref="CompletePortAccess"/> to resume.
    /// </summary>
    public void InterceptPort(ushort port)
    {
        byte* iopm = (byte*)_vmcb.Read64(VmcbOffsets.IopmBasePa);
        iopm[port / 8] |= (byte)(1 << (port % 8));
        _vmcb.Write32(VmcbOffsets.InterceptMisc1, _vmcb.Read32(VmcbOffsets.InterceptMisc1) | (uint)SvmMisc1Intercept.IoioProt);
    }

    /// <summary>Skips the intercepted I/O instruction (its next RIP came with the exit).</summary>
    public void CompletePortAccess()
    {
        _vmcb.Rip = LastPortAccess.NextRip;
        StopReason = SvmStopReason.None;
    }

    /// <summary>Arms or disarms the HLT intercept (a test guest ends with HLT; Linux idles with it).</summary>
    public void InterceptHalt(bool enabled)
    {
        uint misc1 = _vmcb.Read32(VmcbOffsets.InterceptMisc1);
        misc1 = enabled ? misc1 | (uint)SvmMisc1Intercept.Hlt : misc1 & ~(uint)SvmMisc1Intercept.Hlt;
        _vmcb.Write32(VmcbOffsets.InterceptMisc1, misc1);
    }

    // Only EFER reads are intercepted: the guest must not see the SVME bit VMRUN needs.
    private void EmulateMsrRead()
    {
        if ((uint)_context->Rcx != SvmArchitecture.MsrEfer)
        {
            InjectException(0, ExceptionEvent.GeneralProtectionFault());
            return;
        }
        ReadRegister(0, VpRegister.Efer, out ulong efer);
        _vmcb.Write64(VmcbOffsets.Rax, (uint)efer);
        _context->Rdx = efer >> 32;
        _vmcb.Rip += 2; // RDMSR is 0F 32
    }

    // The register an intercepted MSR write targets; Rax (0) for an MSR the kernel does not name.
    private static VpRegister RegisterOfMsr(uint msr) => msr switch
    {
        SvmArchitecture.MsrEfer => VpRegister.Efer,
        0xC000_0081 => VpRegister.Star,
        0xC000_0082 => VpRegister.Lstar,
        0xC000_0083 => VpRegister.Cstar,
        0xC000_0084 => VpRegister.Sfmask,
        0x1B => VpRegister.ApicBase,
        0x174 => VpRegister.SysenterCs,
        0x175 => VpRegister.SysenterEsp,
        0x176 => VpRegister.SysenterEip,
        _ => VpRegister.Rax,
    };

    private BindingStatus Stop(SvmStopReason reason, SvmExitCode code)
    {
        StopReason = reason;
        StopExitCode = code;
        return BindingStatus.HardwareFailure;
    }

    private bool TryDescribeCrWrite(VpRegister register, out VtlEntry entry)
    {
        entry = default;
        DecodedInstruction instruction = DecodeAtRip();
        if (instruction.Kind != DecodedKind.MovToControlRegister)
        {
            return false;
        }
        ReadRegister(0, (VpRegister)instruction.SourceRegister, out ulong value);
        entry.Reason = VtlEntryReason.Intercept;
        entry.Intercept.Kind = InterceptKind.ControlRegisterWrite;
        entry.Intercept.Register = register;
        entry.Intercept.Value = value;
        entry.Intercept.InstructionLength = instruction.Length;
        entry.Intercept.Rip = _vmcb.Rip;
        return true;
    }

    private bool TryDescribeDescriptorWrite(SvmExitCode code, out VtlEntry entry)
    {
        entry = default;
        DecodedInstruction instruction = DecodeAtRip();
        if (instruction.Length == 0)
        {
            return false;
        }
        entry.Reason = VtlEntryReason.Intercept;
        entry.Intercept.Kind = InterceptKind.DescriptorTableWrite;
        entry.Intercept.Register = code switch
        {
            SvmExitCode.GdtrWrite => VpRegister.GdtrBase,
            SvmExitCode.IdtrWrite => VpRegister.IdtrBase,
            SvmExitCode.LdtrWrite => VpRegister.LdtrSelector,
            _ => VpRegister.TrSelector,
        };
        entry.Intercept.InstructionLength = instruction.Length;
        entry.Intercept.Rip = _vmcb.Rip;
        return true;
    }

    // EXITINFO1 is the nested walk's #PF error code, EXITINFO2 the guest-physical address (§15.25.6).
    private void DescribeNestedPageFault(out VtlEntry entry)
    {
        entry = default;
        ulong info = _vmcb.ExitInfo1;
        entry.Reason = VtlEntryReason.Intercept;
        entry.Intercept.Kind = InterceptKind.GpaAccess;
        entry.Intercept.Gpa = _vmcb.ExitInfo2;
        entry.Intercept.Rip = _vmcb.Rip;
        if ((info & SvmArchitecture.NpfInstructionFetch) != 0)
        {
            entry.Intercept.Access = _vmcb.Read16(VmcbOffsets.Cpl) == 3 ? MemoryAccess.UserExecute : MemoryAccess.KernelExecute;
        }
        else
        {
            entry.Intercept.Access = (info & SvmArchitecture.NpfWrite) != 0 ? MemoryAccess.Write : MemoryAccess.Read;
        }
    }

    // No next-RIP save or decode assists under TCG: read the instruction through the guest's paging.
    private DecodedInstruction DecodeAtRip()
    {
        System.Span<byte> bytes = stackalloc byte[15];
        ulong rip = _vmcb.Rip;
        bool paging = (_vmcb.Read64(VmcbOffsets.Cr0) & (1UL << 31)) != 0;
        ulong cr3 = _vmcb.Read64(VmcbOffsets.Cr3);
        int fetched = 0;
        while (fetched < bytes.Length)
        {
            ulong va = rip + (ulong)fetched;
            ulong gpa = va;
            if (paging && GuestPageWalker.Translate(this, cr3, va, out gpa) != BindingStatus.Success)
            {
                break;
            }
            int chunk = System.Math.Min(bytes.Length - fetched, 4096 - (int)(va & 0xFFF));
            if (Read(gpa, bytes.Slice(fetched, chunk)) != BindingStatus.Success)
            {
                break;
            }
            fetched += chunk;
        }
        return InstructionDecoder.Decode(bytes.Slice(0, fetched));
    }
}
