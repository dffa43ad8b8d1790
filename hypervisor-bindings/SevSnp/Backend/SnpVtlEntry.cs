using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.SevSnp.Definitions;

namespace Lvbs.Hypervisor.SevSnp.Backend;

/// <summary>
/// P3/P4 on SEV-SNP: make the lower VMSA runnable (EFER.SVME), switch with the GHCB MSR
/// protocol's Run-at-VMPL request, and when VMPL0 runs again decode why: a VMGEXIT with the
/// calling area's call_pending set and RAX = (LvbsProtocol &lt;&lt; 32) | 0 is a VTL call
/// (arguments in the lower RDI/RSI/RDX/R8, as LVBS on Hyper-V); anything else is an
/// asynchronous entry. Other SVSM protocols are answered "unsupported protocol" and the lower
/// VMPL resumes (COCONUT get_svsm_request_message rules).
/// </summary>
public sealed class SnpVtlEntry : IVtlEntry
{
    private readonly ISnpPort _port;
    private readonly byte _lowerVmpl;
    private readonly bool[] _callPending;

    /// <summary>Creates per-VP state (allocated once, at init).</summary>
    public SnpVtlEntry(ISnpPort port, uint vpCount, byte lowerVmpl)
    {
        _port = port;
        _lowerVmpl = lowerVmpl;
        _callPending = new bool[vpCount];
    }

    /// <inheritdoc />
    public BindingStatus ReturnToLower(uint vp, long result, out VtlEntry next)
    {
        next = default;
        if (vp >= (uint)_callPending.Length)
        {
            return BindingStatus.InvalidParameter;
        }

        if (_callPending[vp])
        {
            Complete(vp, SvsmCall.Success, unchecked((ulong)result), true);
            _callPending[vp] = false;
        }

        while (true)
        {
            BindingStatus s = RunLower(vp);
            if (s != BindingStatus.Success)
            {
                return s;
            }

            Span<byte> vmsa = _port.LowerVmsa(vp);
            Span<byte> caa = _port.CallingArea(vp);
            ulong exit = BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(VmsaLayout.GuestExitCode, 8));
            next.Vp = vp;
            if (exit != GhcbExitCode.VmgexitExit || caa[SvsmCallingArea.CallPendingOffset] != 1)
            {
                next.Reason = VtlEntryReason.Interrupt;
                return BindingStatus.Success;
            }

            ulong rax = BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(VmsaLayout.Rax, 8));
            if (rax != SvsmCall.Rax(SvsmCall.LvbsProtocol, 0))
            {
                Complete(vp, SvsmCall.ErrorUnsupportedProtocol, 0, false);
                continue;
            }

            next.Reason = VtlEntryReason.Call;
            next.Call.Vp = vp;
            next.Call.FunctionId = BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(VmsaLayout.Rdi, 8));
            next.Call.Arg1 = BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(VmsaLayout.Rsi, 8));
            next.Call.Arg2 = BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(VmsaLayout.Rdx, 8));
            next.Call.Arg3 = BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(VmsaLayout.R8, 8));
            _callPending[vp] = true;
            return BindingStatus.Success;
        }
    }

    private void Complete(uint vp, ulong svsmResult, ulong r8, bool setR8)
    {
        Span<byte> vmsa = _port.LowerVmsa(vp);
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Rax, 8), svsmResult);
        if (setR8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.R8, 8), r8);
        }

        _port.CallingArea(vp)[SvsmCallingArea.CallPendingOffset] = 0;
    }

    private BindingStatus RunLower(uint vp)
    {
        Span<byte> vmsa = _port.LowerVmsa(vp);
        ulong efer = BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(VmsaLayout.Efer, 8));
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Efer, 8), efer | VmsaLayout.EferSvme);
        _port.WriteMsr(GhcbMsrProtocol.GhcbMsr, GhcbMsrProtocol.RunVmpl(_lowerVmpl));
        _port.Vmgexit();
        ulong response = _port.ReadMsr(GhcbMsrProtocol.GhcbMsr);

        // Back at VMPL0: make the lower VMSA non-runnable while we inspect it.
        efer = BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(VmsaLayout.Efer, 8));
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Efer, 8), efer & ~VmsaLayout.EferSvme);
        if ((response & GhcbMsrProtocol.InfoMask) != GhcbMsrProtocol.RunVmplResponse || (response >> 32) != 0)
        {
            return BindingStatus.HardwareFailure;
        }

        return BindingStatus.Success;
    }
}
