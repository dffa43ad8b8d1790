using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.SevSnp.Definitions;

namespace Lvbs.Hypervisor.SevSnp.Backend;

/// <summary>Fills a fresh VMSA page with an <see cref="InitialVpContext"/>.</summary>
public static class SnpVmsaWriter
{
    /// <summary>Writes <paramref name="c"/> for <paramref name="vmpl"/>; EFER.SVME is set so the VMSA is runnable.</summary>
    public static void WriteInitial(Span<byte> vmsa, in InitialVpContext c, byte vmpl)
    {
        Segment(vmsa.Slice(VmsaLayout.Cs, 16), c.CsSelector, c.CsAttributes, 0xFFFF_FFFF, 0);
        Segment(vmsa.Slice(VmsaLayout.Es, 16), c.DataSelector, c.DataAttributes, 0xFFFF_FFFF, 0);
        Segment(vmsa.Slice(VmsaLayout.Ss, 16), c.DataSelector, c.DataAttributes, 0xFFFF_FFFF, 0);
        Segment(vmsa.Slice(VmsaLayout.Ds, 16), c.DataSelector, c.DataAttributes, 0xFFFF_FFFF, 0);
        Segment(vmsa.Slice(VmsaLayout.Fs, 16), c.DataSelector, c.DataAttributes, 0xFFFF_FFFF, 0);
        Segment(vmsa.Slice(VmsaLayout.Gs, 16), c.DataSelector, c.DataAttributes, 0xFFFF_FFFF, 0);
        Segment(vmsa.Slice(VmsaLayout.Gdtr, 16), 0, 0, c.GdtrLimit, c.GdtrBase);
        Segment(vmsa.Slice(VmsaLayout.Idtr, 16), 0, 0, c.IdtrLimit, c.IdtrBase);
        Segment(vmsa.Slice(VmsaLayout.Tr, 16), c.TrSelector, c.TrAttributes, c.TrLimit, c.TrBase);
        vmsa[VmsaLayout.Vmpl] = vmpl;
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Efer, 8), c.Efer | VmsaLayout.EferSvme);
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Cr0, 8), c.Cr0);
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Cr3, 8), c.Cr3);
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Cr4, 8), c.Cr4);
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Rip, 8), c.Rip);
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Rsp, 8), c.Rsp);
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Rflags, 8), c.Rflags);
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.GPat, 8), c.Pat);
    }

    private static void Segment(Span<byte> s, ushort selector, ushort attributes, uint limit, ulong baseAddress)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(s.Slice(0, 2), selector);
        BinaryPrimitives.WriteUInt16LittleEndian(s.Slice(2, 2), attributes);
        BinaryPrimitives.WriteUInt32LittleEndian(s.Slice(4, 4), limit);
        BinaryPrimitives.WriteUInt64LittleEndian(s.Slice(8, 8), baseAddress);
    }
}
