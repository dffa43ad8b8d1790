using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Definitions;

namespace Lvbs.Hypervisor.HyperV.Backend;

/// <summary>Writes hypercall input pages at the offsets the Definitions structs pin.</summary>
public static class HvInputWriter
{
    /// <summary>ModifyVtlProtectionMask header + <paramref name="count"/> consecutive page numbers from <paramref name="firstPfn"/>.</summary>
    public static void ModifyVtlProtectionMask(Span<byte> page, uint mapFlags, byte inputVtl, ulong firstPfn, int count)
    {
        page.Slice(0, HvModifyVtlProtectionMaskHeader.Size).Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(HvModifyVtlProtectionMaskHeader.TargetPartitionIdOffset, 8), HvPartition.Self);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(HvModifyVtlProtectionMaskHeader.MapFlagsOffset, 4), mapFlags);
        page[HvModifyVtlProtectionMaskHeader.TargetVtlOffset] = inputVtl;
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(HvModifyVtlProtectionMaskHeader.Size + (i * 8), 8), firstPfn + (ulong)i);
        }
    }

    /// <summary>Get/SetVpRegisters header.</summary>
    public static void VpRegistersHeader(Span<byte> page, uint vpIndex, byte inputVtl)
    {
        page.Slice(0, HvGetSetVpRegistersHeader.Size).Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(HvGetSetVpRegistersHeader.PartitionIdOffset, 8), HvPartition.Self);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(HvGetSetVpRegistersHeader.VpIndexOffset, 4), vpIndex);
        page[HvGetSetVpRegistersHeader.TargetVtlOffset] = inputVtl;
    }

    /// <summary>One HvRegisterAssoc at rep index <paramref name="index"/>.</summary>
    public static void RegisterAssoc(Span<byte> page, int index, HvRegisterName name, ulong low, ulong high)
    {
        Span<byte> a = page.Slice(HvGetSetVpRegistersHeader.Size + (index * HvRegisterAssoc.Size), HvRegisterAssoc.Size);
        a.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(a.Slice(HvRegisterAssoc.NameOffset, 4), (uint)name);
        BinaryPrimitives.WriteUInt64LittleEndian(a.Slice(HvRegisterAssoc.ValueOffset, 8), low);
        BinaryPrimitives.WriteUInt64LittleEndian(a.Slice(HvRegisterAssoc.ValueOffset + 8, 8), high);
    }

    /// <summary>EnablePartitionVtl input (issued by the VTL0 loader; lvbs-abi.md §5.2).</summary>
    public static void EnablePartitionVtl(Span<byte> page, byte targetVtl, byte flags)
    {
        page.Slice(0, HvEnablePartitionVtlInput.Size).Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(0, 8), HvPartition.Self);
        page[8] = targetVtl;
        page[9] = flags;
    }

    /// <summary>EnableVpVtl header + initial context (240 bytes).</summary>
    public static void EnableVpVtl(Span<byte> page, uint vpIndex, byte targetVtl, in InitialVpContext c)
    {
        page.Slice(0, HvEnableVpVtlHeader.InputSize).Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(0, 8), HvPartition.Self);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(8, 4), vpIndex);
        page[12] = targetVtl;
        Span<byte> x = page.Slice(HvEnableVpVtlHeader.Size, HvInitialVpContextX64.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(x.Slice(0, 8), c.Rip);
        BinaryPrimitives.WriteUInt64LittleEndian(x.Slice(8, 8), c.Rsp);
        BinaryPrimitives.WriteUInt64LittleEndian(x.Slice(16, 8), c.Rflags);
        Segment(x.Slice(24, 16), 0, 0xFFFF_FFFF, c.CsSelector, c.CsAttributes);
        for (int s = 1; s <= 5; s++)
        {
            // DS, ES, FS, GS, SS share the flat data descriptor, as LVBS's initial context does.
            Segment(x.Slice(24 + (s * 16), 16), 0, 0xFFFF_FFFF, c.DataSelector, c.DataAttributes);
        }

        Segment(x.Slice(120, 16), c.TrBase, c.TrLimit, c.TrSelector, c.TrAttributes);
        // LDTR at 136 stays null.
        Table(x.Slice(152, 16), c.IdtrBase, c.IdtrLimit);
        Table(x.Slice(168, 16), c.GdtrBase, c.GdtrLimit);
        BinaryPrimitives.WriteUInt64LittleEndian(x.Slice(184, 8), c.Efer);
        BinaryPrimitives.WriteUInt64LittleEndian(x.Slice(192, 8), c.Cr0);
        BinaryPrimitives.WriteUInt64LittleEndian(x.Slice(200, 8), c.Cr3);
        BinaryPrimitives.WriteUInt64LittleEndian(x.Slice(208, 8), c.Cr4);
        BinaryPrimitives.WriteUInt64LittleEndian(x.Slice(216, 8), c.Pat);
    }

    private static void Segment(Span<byte> s, ulong baseAddress, uint limit, ushort selector, ushort attributes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(s.Slice(0, 8), baseAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(s.Slice(8, 4), limit);
        BinaryPrimitives.WriteUInt16LittleEndian(s.Slice(12, 2), selector);
        BinaryPrimitives.WriteUInt16LittleEndian(s.Slice(14, 2), attributes);
    }

    private static void Table(Span<byte> t, ulong baseAddress, ushort limit)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(t.Slice(6, 2), limit);
        BinaryPrimitives.WriteUInt64LittleEndian(t.Slice(8, 8), baseAddress);
    }
}
