using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Lvbs.Abi.Heki;

namespace Lvbs.Hypervisor.Simulated.Vtl0.CoreKernel;

/// <summary>One page of the simulated core kernel as Linux leaves it after boot.</summary>
public sealed class SealedKernelPage
{
    /// <summary>Creates a page.</summary>
    public SealedKernelPage(ulong va, byte[] bytes, ulong attributes)
    {
        Va = va;
        Bytes = bytes;
        Attributes = attributes;
    }

    /// <summary>Kernel VA (page aligned).</summary>
    public ulong Va { get; }

    /// <summary>The 4096 bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>MemAttr bits heki_late_init protects the page with.</summary>
    public ulong Attributes { get; set; }
}

/// <summary>
/// The parts of a native Linux 6.1 core kernel that module load-time rewrites read, laid out at
/// the addresses <see cref="SimulatedKernelImage"/> exports: the <c>pv_ops</c> table (ro_after_init,
/// one 8-byte slot per paravirt type, what apply_paravirt calls) and the <c>__SCT__</c>
/// trampolines in text (<c>e9 rel32</c> to the current function, or <c>c3</c> for NULL, then the
/// <c>0f b9 cc</c> signature, as arch_static_call_transform leaves them). Pages are what
/// heki_late_init protects: text R+X+IMMUTABLE, ro_after_init R+IMMUTABLE (changeable per page
/// for tests). Unused bytes are int3.
/// </summary>
public sealed class SimulatedSealedKernel
{
    /// <summary>pv_ops slots written (paravirt types 0..255).</summary>
    public const int PvSlotCount = 256;

    private const ulong PageSize = 0x1000;
    private readonly SortedDictionary<ulong, SealedKernelPage> _pages = new();

    private SimulatedSealedKernel()
    {
    }

    /// <summary>The pages, by VA.</summary>
    public IReadOnlyCollection<SealedKernelPage> Pages => _pages.Values;

    /// <summary>The page holding <paramref name="va"/>.</summary>
    public SealedKernelPage PageOf(ulong va) => _pages[va & ~(PageSize - 1)];

    /// <summary>
    /// Builds the pages for <paramref name="kernel"/>: <paramref name="pvSlots"/> (type → function,
    /// missing types 0) at its <c>pv_ops</c>, and each trampoline in <paramref name="staticCalls"/>
    /// (trampoline VA → current function, 0 = NULL). Throws when a data page and a text page coincide.
    /// </summary>
    public static SimulatedSealedKernel Build(SimulatedKernelImage kernel, IReadOnlyDictionary<int, ulong> pvSlots,
        IReadOnlyDictionary<ulong, ulong> staticCalls)
    {
        var k = new SimulatedSealedKernel();
        const ulong text = (ulong)(MemAttr.Read | MemAttr.Exec | MemAttr.Immutable);
        const ulong roAfterInit = (ulong)(MemAttr.Read | MemAttr.Immutable);
        foreach ((ulong trampoline, ulong function) in staticCalls)
        {
            byte[] insn = new byte[8];
            if (function == 0)
            {
                insn[0] = 0xC3;
                insn[1] = insn[2] = insn[3] = insn[4] = 0xCC;
            }
            else
            {
                insn[0] = 0xE9;
                BinaryPrimitives.WriteInt32LittleEndian(insn.AsSpan(1), checked((int)(long)(function - (trampoline + 5))));
            }

            insn[5] = 0x0F;
            insn[6] = 0xB9;
            insn[7] = 0xCC;
            k.Write(trampoline, insn, text);
        }

        ulong pvOps = kernel.AddressOf("pv_ops");
        byte[] slots = new byte[8 * PvSlotCount];
        foreach ((int type, ulong function) in pvSlots)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(slots.AsSpan(8 * type), function);
        }

        k.Write(pvOps, slots, roAfterInit);
        return k;
    }

    private void Write(ulong va, ReadOnlySpan<byte> bytes, ulong attributes)
    {
        for (int done = 0; done < bytes.Length;)
        {
            ulong at = va + (ulong)done;
            ulong pageVa = at & ~(PageSize - 1);
            if (!_pages.TryGetValue(pageVa, out SealedKernelPage? page))
            {
                byte[] fill = new byte[PageSize];
                fill.AsSpan().Fill(0xCC);
                page = new SealedKernelPage(pageVa, fill, attributes);
                _pages[pageVa] = page;
            }
            else if (page.Attributes != attributes)
            {
                throw new InvalidOperationException("a simulated kernel page would be both text and data");
            }

            int offset = (int)(at - pageVa);
            int n = Math.Min(bytes.Length - done, (int)PageSize - offset);
            bytes.Slice(done, n).CopyTo(page.Bytes.AsSpan(offset));
            done += n;
        }
    }
}
