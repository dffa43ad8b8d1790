using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

/// <summary>
/// Translates a guest virtual address through the guest's own 4-level page tables (CR3), reading
/// them through guest-physical memory, so the backend can fetch the bytes of an intercepted
/// instruction (AMD64 APM Vol. 2 §5.3; 1 GiB and 2 MiB pages honoured).
/// </summary>
public static class GuestPageWalker
{
    private const ulong Present = 1;
    private const ulong LargePage = 1UL << 7;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000UL;

    public static BindingStatus Translate(IGuestMemory memory, ulong cr3, ulong va, out ulong gpa)
    {
        gpa = 0;
        ulong table = cr3 & AddressMask;
        System.Span<byte> entryBytes = stackalloc byte[8];
        for (int level = 3; level >= 0; level--)
        {
            int index = (int)((va >> (12 + 9 * level)) & 511);
            BindingStatus s = memory.Read(table + (ulong)index * 8, entryBytes);
            if (s != BindingStatus.Success)
            {
                return s;
            }
            ulong entry = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(entryBytes);
            if ((entry & Present) == 0)
            {
                return BindingStatus.OutOfRange;
            }
            if (level > 0 && level < 3 && (entry & LargePage) != 0)
            {
                ulong pageMask = (1UL << (12 + 9 * level)) - 1;
                gpa = (entry & AddressMask & ~pageMask) | (va & pageMask);
                return BindingStatus.Success;
            }
            table = entry & AddressMask;
        }
        gpa = table | (va & 0xFFF);
        return BindingStatus.Success;
    }
}
