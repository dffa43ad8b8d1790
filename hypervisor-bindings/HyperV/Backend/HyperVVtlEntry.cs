using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Definitions;

namespace Lvbs.Hypervisor.HyperV.Backend;

/// <summary>
/// P3/P4 on Hyper-V: return to VTL0 through the hypercall page (restoring VTL0's GPRs with
/// R8 = result), then decode the next entry from the VP assist page's entry reason
/// (1 call, 2 interrupt, 3 intercept) and, for interrupts, the SynIC SINT0 message slot where
/// intercepts arrive (lvbs-abi.md §5.4).
/// </summary>
public sealed class HyperVVtlEntry : IVtlEntry
{
    private readonly IHyperVPort _port;
    private readonly HvLowerGprs[] _lower;
    private readonly bool[] _callPending;

    /// <summary>Creates per-VP state for <paramref name="vpCount"/> VPs (allocated once, at init).</summary>
    public HyperVVtlEntry(IHyperVPort port, uint vpCount)
    {
        _port = port;
        _lower = new HvLowerGprs[vpCount];
        _callPending = new bool[vpCount];
    }

    /// <summary>Marks VP as entered by a call (the boot call that started VTL1 on it).</summary>
    public void SetCallPending(uint vp) => _callPending[vp] = true;

    /// <inheritdoc />
    public BindingStatus ReturnToLower(uint vp, long result, out VtlEntry next)
    {
        next = default;
        if (vp >= (uint)_lower.Length)
        {
            return BindingStatus.InvalidParameter;
        }

        ref HvLowerGprs g = ref _lower[vp];
        if (_callPending[vp])
        {
            g.R8 = unchecked((ulong)result);
            _callPending[vp] = false;
        }

        _port.VtlReturn(ref g);

        Span<byte> assist = _port.VpAssistPage();
        uint reason = BinaryPrimitives.ReadUInt32LittleEndian(assist.Slice(HvVpAssistPage.EntryReasonOffset, 4));
        next.Vp = vp;
        switch ((VtlEntryReason)reason)
        {
            case VtlEntryReason.Call:
                next.Reason = VtlEntryReason.Call;
                next.Call.Vp = vp;
                next.Call.FunctionId = g.Rdi;
                next.Call.Arg1 = g.Rsi;
                next.Call.Arg2 = g.Rdx;
                next.Call.Arg3 = g.R8;
                _callPending[vp] = true;
                return BindingStatus.Success;
            case VtlEntryReason.Interrupt:
                return FromSynic(vp, ref next);
            case VtlEntryReason.Intercept:
                next.Reason = VtlEntryReason.Intercept;
                return HvInterceptParser.TryParse(assist.Slice(HvVpAssistPage.InterceptMessageOffset, HvMessage.Size), out next.Intercept);
            default:
                return BindingStatus.InvalidParameter;
        }
    }

    private BindingStatus FromSynic(uint vp, ref VtlEntry next)
    {
        Span<byte> slot = _port.SynicMessagePage().Slice(0, HvMessage.Size);
        uint type = BinaryPrimitives.ReadUInt32LittleEndian(slot.Slice(HvMessage.TypeOffset, 4));
        if (type == (uint)HvMessageType.None)
        {
            next.Reason = VtlEntryReason.Interrupt;
            return BindingStatus.Success;
        }

        next.Reason = VtlEntryReason.Intercept;
        BindingStatus s = HvInterceptParser.TryParse(slot, out next.Intercept);
        next.Intercept.Vp = vp;

        // Free the slot, then ask for the next message if one is queued (TLFS SynIC protocol).
        bool pending = (slot[HvMessage.FlagsOffset] & 1) != 0;
        BinaryPrimitives.WriteUInt32LittleEndian(slot.Slice(HvMessage.TypeOffset, 4), (uint)HvMessageType.None);
        if (pending)
        {
            _port.WriteMsr(HvSyntheticMsr.Eom, 0);
        }

        return s;
    }
}
