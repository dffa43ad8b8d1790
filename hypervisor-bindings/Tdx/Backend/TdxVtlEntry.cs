using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Tdx.Definitions;

namespace Lvbs.Hypervisor.Tdx.Backend;

/// <summary>
/// P3/P4 on TDX partitioning: TDG.VP.ENTER the normal kernel's L2 VM on this vCPU and decode
/// the exit (TDX module tdx_td_l2_dispatcher.c): VMCALL is a VTL call (RDI/RSI/RDX/R8 in the
/// guest-state list; L1 advances RIP past it when returning the result in R8); CR access,
/// WRMSR, descriptor-table and EPT-violation exits are intercepts; host-routed and
/// pending-interrupt completions are asynchronous entries.
/// </summary>
public sealed class TdxVtlEntry : IVtlEntry
{
    private readonly ITdxPort _port;
    private readonly int _vm;
    private bool _callPending;
    private uint _callLength;

    /// <summary>Creates the entry path for L2 VM <paramref name="lowerVm"/>.</summary>
    public TdxVtlEntry(ITdxPort port, int lowerVm)
    {
        _port = port;
        _vm = lowerVm;
    }

    /// <inheritdoc />
    public BindingStatus ReturnToLower(uint vp, long result, out VtlEntry next)
    {
        next = default;
        if (vp != _port.CurrentVp)
        {
            return BindingStatus.InvalidParameter;
        }

        Span<byte> gs = _port.L2GuestState(out ulong gsGpa);
        if (_callPending)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(gs.Slice(8 * 8, 8), unchecked((ulong)result));
            ulong rip = BinaryPrimitives.ReadUInt64LittleEndian(gs.Slice(L2EnterGuestState.RipOffset, 8));
            BinaryPrimitives.WriteUInt64LittleEndian(gs.Slice(L2EnterGuestState.RipOffset, 8), rip + _callLength);
            _callPending = false;
        }

        TdcallRegisters r = default;
        r.Rax = (ulong)TdCallLeaf.VpEnter;
        r.Rcx = VpEnter.Rcx(_vm, VpEnter.NoInvalidation);
        r.Rdx = gsGpa;
        TdcallRegisters o = _port.Tdcall(in r);
        next.Vp = vp;

        switch ((TdxStatus)(uint)(o.Rax >> 32))
        {
            case TdxStatus.Success:
                return DecodeExit(vp, (VmxExitReason)(ushort)o.Rax, o.R11, gs, ref next);
            case TdxStatus.L2ExitHostRoutedAsync:
            case TdxStatus.L2ExitHostRoutedTdvmcall:
            case TdxStatus.L2ExitPendingInterrupt:
            case TdxStatus.PendingInterrupt:
            case TdxStatus.TdExitBeforeL2Entry:
                next.Reason = VtlEntryReason.Interrupt;
                return BindingStatus.Success;
            default:
                return BindingStatus.HardwareFailure;
        }
    }

    private BindingStatus DecodeExit(uint vp, VmxExitReason reason, ulong r11, Span<byte> gs, ref VtlEntry next)
    {
        ulong rip = BinaryPrimitives.ReadUInt64LittleEndian(gs.Slice(L2EnterGuestState.RipOffset, 8));
        next.Intercept.Vp = vp;
        next.Intercept.Rip = rip;
        next.Intercept.InstructionLength = (byte)(r11 >> 32);
        switch (reason)
        {
            case VmxExitReason.Vmcall:
                next.Reason = VtlEntryReason.Call;
                next.Call.Vp = vp;
                next.Call.FunctionId = Gpr(gs, 7);
                next.Call.Arg1 = Gpr(gs, 6);
                next.Call.Arg2 = Gpr(gs, 2);
                next.Call.Arg3 = Gpr(gs, 8);
                _callPending = true;
                _callLength = (uint)(r11 >> 32);
                return BindingStatus.Success;
            case VmxExitReason.CrAccess:
                return DecodeCr(gs, ref next);
            case VmxExitReason.MsrWrite:
                uint msr = (uint)Gpr(gs, 1);
                VpRegister reg = VpRegister.Rax;
                for (int i = 0; i < VpRegisters.Count; i++)
                {
                    if (VpRegisters.MsrIndex((VpRegister)i) == msr)
                    {
                        reg = (VpRegister)i;
                    }
                }

                if (reg == VpRegister.Rax)
                {
                    return BindingStatus.InvalidParameter;
                }

                next.Reason = VtlEntryReason.Intercept;
                next.Intercept.Kind = InterceptKind.MsrWrite;
                next.Intercept.Msr = msr;
                next.Intercept.Register = reg;
                next.Intercept.Value = (Gpr(gs, 2) << 32) | (Gpr(gs, 0) & 0xFFFF_FFFF);
                return BindingStatus.Success;
            case VmxExitReason.GdtrIdtrAccess:
            case VmxExitReason.LdtrTrAccess:
                // Instruction information bits 28–29: identity (SDM tables 28-10/28-11); only loads (2, 3) matter.
                uint identity = (uint)(r11 >> 28) & 0x3;
                if (identity < 2)
                {
                    return BindingStatus.InvalidParameter;
                }

                next.Reason = VtlEntryReason.Intercept;
                next.Intercept.Kind = InterceptKind.DescriptorTableWrite;
                next.Intercept.Register = reason == VmxExitReason.GdtrIdtrAccess
                    ? (identity == 2 ? VpRegister.GdtrBase : VpRegister.IdtrBase)
                    : (identity == 2 ? VpRegister.LdtrSelector : VpRegister.TrSelector);
                return BindingStatus.Success;
            case VmxExitReason.EptViolation:
                BindingStatus s = VpRead(VmcsField.ExitQualification, out ulong q);
                if (s == BindingStatus.Success)
                {
                    s = VpRead(VmcsField.GuestPhysicalAddress, out next.Intercept.Gpa);
                }

                if (s != BindingStatus.Success)
                {
                    return s;
                }

                next.Reason = VtlEntryReason.Intercept;
                next.Intercept.Kind = InterceptKind.GpaAccess;
                // Qualification bit 1 write, bit 2 fetch, else read (SDM table 28-7). CPL is not decoded: fetches report kernel.
                next.Intercept.Access = (q & 2) != 0 ? MemoryAccess.Write : (q & 4) != 0 ? MemoryAccess.KernelExecute : MemoryAccess.Read;
                return BindingStatus.Success;
            default:
                next.Reason = VtlEntryReason.Interrupt;
                return BindingStatus.Success;
        }
    }

    private BindingStatus DecodeCr(Span<byte> gs, ref VtlEntry next)
    {
        BindingStatus s = VpRead(VmcsField.ExitQualification, out ulong q);
        if (s != BindingStatus.Success)
        {
            return s;
        }

        // SDM table 28-3: bits 0–3 CR number, 4–5 access type (0 = MOV to CR), 8–11 source GPR.
        uint cr = (uint)q & 0xF;
        uint type = (uint)(q >> 4) & 0x3;
        int gpr = (int)(q >> 8) & 0xF;
        if (type != 0 || (cr != 0 && cr != 4))
        {
            return BindingStatus.InvalidParameter;
        }

        next.Reason = VtlEntryReason.Intercept;
        next.Intercept.Kind = InterceptKind.ControlRegisterWrite;
        next.Intercept.Register = cr == 0 ? VpRegister.Cr0 : VpRegister.Cr4;
        next.Intercept.Value = Gpr(gs, gpr);
        return BindingStatus.Success;
    }

    private BindingStatus VpRead(uint encoding, out ulong value)
    {
        TdcallRegisters r = default;
        r.Rax = (ulong)TdCallLeaf.VpRd;
        r.Rdx = TdxFieldCode.Vmcs(_vm, encoding, TdxFieldCode.Size64);
        TdcallRegisters o = _port.Tdcall(in r);
        value = o.R8;
        return TdxRegisterMap.ToBinding(o.Rax);
    }

    private static ulong Gpr(Span<byte> gs, int index) => BinaryPrimitives.ReadUInt64LittleEndian(gs.Slice(index * 8, 8));
}
