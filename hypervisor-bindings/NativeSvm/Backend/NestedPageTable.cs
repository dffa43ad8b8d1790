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

    /// <summary>
    /// Maps <paramref name="count"/> 2 MiB pages at <paramref name="gpa"/> to <paramref name="hpa"/>
    /// (large leaves in the page directory: fewer tables for a whole-RAM identity map). A later
    /// <see cref="Protect"/> of a 4 KiB page inside one splits it.
    /// </summary>
    public BindingStatus MapLarge(ulong gpa, ulong hpa, ulong count, VtlPermissions permissions)
    {
        if (((gpa | hpa) & LargePageMask) != 0)
        {
            return BindingStatus.Unaligned;
        }
        for (ulong i = 0; i < count; i++)
        {
            ulong* slot = DirectorySlot(gpa + i * LargePageSize);
            if (slot == null)
            {
                return BindingStatus.HardwareFailure;
            }
            *slot = Encode(hpa + i * LargePageSize, permissions) | NestedPageEntry.LargePage;
        }
        return BindingStatus.Success;
    }

    private const ulong LargePageSize = 2UL << 20;
    private const ulong LargePageMask = LargePageSize - 1;

    /// <summary>Changes the permissions of mapped pages; fails without changing anything if one is unmapped.</summary>
    public BindingStatus Protect(ulong firstPfn, ulong count, VtlPermissions permissions)
    {
        for (ulong i = 0; i < count; i++)
        {
            if (!TryTranslate((firstPfn + i) << 12, out _, out _))
            {
                return BindingStatus.OutOfRange;
            }
        }
        for (ulong i = 0; i < count; i++)
        {
            // Splits a 2 MiB leaf on first use; only a host-page shortage can fail here.
            ulong* leaf = Leaf((firstPfn + i) << 12, create: true);
            if (leaf == null)
            {
                return BindingStatus.HardwareFailure;
            }
            *leaf = Encode(*leaf & NestedPageEntry.AddressMask, permissions);
        }
        return BindingStatus.Success;
    }

    /// <summary>The host address behind <paramref name="gpa"/> and its permissions, if mapped.</summary>
    public bool TryTranslate(ulong gpa, out ulong hpa, out VtlPermissions permissions)
    {
        ulong* slot = DirectorySlot(gpa, create: false);
        if (slot != null && (*slot & NestedPageEntry.LargePage) != 0 && (*slot & NestedPageEntry.Mapped) != 0)
        {
            hpa = (*slot & NestedPageEntry.AddressMask & ~LargePageMask) | (gpa & LargePageMask);
            permissions = Decode(*slot);
            return true;
        }
        ulong* leaf = Leaf(gpa & ~0xFFFUL, create: false);
        if (leaf == null || (*leaf & NestedPageEntry.Mapped) == 0)
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
            return hpa | NestedPageEntry.Mapped;
        }
        ulong entry = hpa | NestedPageEntry.Mapped | NestedPageEntry.Present | NestedPageEntry.User;
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

    // Walks PML4 -> PDPT -> PD; returns the page-directory slot covering gpa (creating tables).
    private ulong* DirectorySlot(ulong gpa, bool create = true)
    {
        ulong* table = (ulong*)_root;
        for (int level = 3; level > 1; level--)
        {
            table = NextLevel(&table[(gpa >> (12 + 9 * level)) & 511], create);
            if (table == null)
            {
                return null;
            }
        }
        return &table[(gpa >> 21) & 511];
    }

    // Returns the 4 KiB leaf slot for gpa, or null when absent (and not creating). A 2 MiB leaf
    // on the way is split into 512 equal 4 KiB leaves when creating.
    private ulong* Leaf(ulong gpa, bool create)
    {
        ulong* directory = DirectorySlot(gpa, create);
        if (directory == null)
        {
            return null;
        }
        if ((*directory & NestedPageEntry.LargePage) != 0)
        {
            if (!create || !Split(directory))
            {
                return null;
            }
        }
        ulong* table = NextLevel(directory, create);
        return table == null ? null : &table[(gpa >> 12) & 511];
    }

    // The table a non-leaf slot points to, allocating it when absent and creating.
    private ulong* NextLevel(ulong* slot, bool create)
    {
        ulong entry = *slot;
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
            *slot = entry;
        }
        return (ulong*)(entry & NestedPageEntry.AddressMask);
    }

    private bool Split(ulong* directory)
    {
        ulong split = _pages.AllocateZeroedPage();
        if (split == 0)
        {
            return false;
        }
        ulong large = *directory;
        ulong flags = large & ~NestedPageEntry.AddressMask & ~NestedPageEntry.LargePage;
        ulong baseAddress = large & NestedPageEntry.AddressMask & ~LargePageMask;
        for (ulong i = 0; i < 512; i++)
        {
            ((ulong*)split)[i] = (baseAddress + i * 4096) | flags;
        }
        *directory = split | NestedPageEntry.Table;
        return true;
    }
}
