using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Definitions;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

/// <summary>
/// The nested page table (guest-physical to host-physical) that the secure kernel owns: 4-level,
/// 4 KiB leaves, built from host pages the guest can never map (they are not in this table).
/// Permissions are the lower VTL's: Read, Write, Execute. NPT has one execute bit, so
/// KernelExecute and UserExecute cannot be told apart (<see cref="NativeSvmCapabilities"/>).
/// </summary>
public sealed unsafe class NestedPageTable
{
    private readonly IHostPages _pages;
    private readonly ulong _root;

    public NestedPageTable(IHostPages pages)
    {
        _pages = pages;
        _root = pages.AllocateZeroedPage();
    }

    /// <summary>The table's root, for the VMCB's N_CR3.</summary>
    public ulong Root => _root;

    /// <summary>Maps <paramref name="count"/> pages at <paramref name="gpa"/> to host pages at <paramref name="hpa"/>.</summary>
    public BindingStatus Map(ulong gpa, ulong hpa, ulong count, VtlPermissions permissions)
    {
        if (((gpa | hpa) & 0xFFF) != 0)
        {
            return BindingStatus.Unaligned;
        }
        for (ulong i = 0; i < count; i++)
        {
            ulong* leaf = Leaf(gpa + i * 4096, create: true);
            if (leaf == null)
            {
                return BindingStatus.HardwareFailure;
            }
            *leaf = Encode(hpa + i * 4096, permissions);
        }
        return BindingStatus.Success;
    }

    /// <summary>Changes the permissions of mapped pages; fails without changing anything if one is unmapped.</summary>
    public BindingStatus Protect(ulong firstPfn, ulong count, VtlPermissions permissions)
    {
        for (ulong i = 0; i < count; i++)
        {
            if (Leaf((firstPfn + i) << 12, create: false) == null)
            {
                return BindingStatus.OutOfRange;
            }
        }
        for (ulong i = 0; i < count; i++)
        {
            ulong* leaf = Leaf((firstPfn + i) << 12, create: false);
            *leaf = Encode(*leaf & NestedPageEntry.AddressMask, permissions);
        }
        return BindingStatus.Success;
    }

    /// <summary>The host address behind <paramref name="gpa"/> and its permissions, if mapped.</summary>
    public bool TryTranslate(ulong gpa, out ulong hpa, out VtlPermissions permissions)
    {
        ulong* leaf = Leaf(gpa & ~0xFFFUL, create: false);
        if (leaf == null)
        {
            hpa = 0;
            permissions = VtlPermissions.None;
            return false;
        }
        hpa = (*leaf & NestedPageEntry.AddressMask) | (gpa & 0xFFF);
        permissions = Decode(*leaf);
        return true;
    }

    private static ulong Encode(ulong hpa, VtlPermissions permissions)
    {
        if ((permissions & VtlPermissions.Read) == 0)
        {
            // Not present; the address stays so a later Protect can restore access.
            return hpa;
        }
        ulong entry = hpa | NestedPageEntry.Present | NestedPageEntry.User;
        if ((permissions & VtlPermissions.Write) != 0)
        {
            entry |= NestedPageEntry.Writable;
        }
        if ((permissions & (VtlPermissions.KernelExecute | VtlPermissions.UserExecute)) == 0)
        {
            entry |= NestedPageEntry.NoExecute;
        }
        return entry;
    }

    private static VtlPermissions Decode(ulong entry)
    {
        if ((entry & NestedPageEntry.Present) == 0)
        {
            return VtlPermissions.None;
        }
        VtlPermissions result = VtlPermissions.Read;
        if ((entry & NestedPageEntry.Writable) != 0)
        {
            result |= VtlPermissions.Write;
        }
        if ((entry & NestedPageEntry.NoExecute) == 0)
        {
            result |= VtlPermissions.KernelExecute | VtlPermissions.UserExecute;
        }
        return result;
    }

    // Walks PML4 -> PDPT -> PD -> PT; returns the 4 KiB leaf slot, or null when absent (and not creating).
    private ulong* Leaf(ulong gpa, bool create)
    {
        ulong* table = (ulong*)_root;
        for (int level = 3; level > 0; level--)
        {
            int index = (int)((gpa >> (12 + 9 * level)) & 511);
            ulong entry = table[index];
            if ((entry & NestedPageEntry.Present) == 0)
            {
                if (!create)
                {
                    return null;
                }
                ulong page = _pages.AllocateZeroedPage();
                if (page == 0)
                {
                    return null;
                }
                entry = page | NestedPageEntry.Table;
                table[index] = entry;
            }
            table = (ulong*)(entry & NestedPageEntry.AddressMask);
        }
        return &table[(gpa >> 12) & 511];
    }
}
