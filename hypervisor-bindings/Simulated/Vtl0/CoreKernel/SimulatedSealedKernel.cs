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
                BinaryPrimitives.WriteInt32LittleEndian(insn.AsSpan(1), checked((int)unchecked((long)(function - (trampoline + 5)))));
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

    /// <summary>VA of the site tables added by <see cref="AddSiteTables"/> (0 when none).</summary>
    public ulong TablesVa { get; private set; }

    /// <summary>The RO_AFTER_INIT bytes at <see cref="TablesVa"/>: <c>__jump_table</c>, <c>.static_call_sites</c>, <c>.static_call_tramp_key</c>.</summary>
    public byte[] Tables { get; private set; } = Array.Empty<byte>();

    /// <summary>
    /// Adds core patch sites as vmlinux has them before any key changes, and their tables in a
    /// read-only page at <paramref name="tablesVa"/> (.rodata on x86, RO_AFTER_INIT_DATA order):
    /// each jump site (code, target, key) is NOP5 in text; each static call site (addr,
    /// trampoline, key) is <c>call trampoline</c>; one <c>.static_call_tramp_key</c> entry per
    /// distinct trampoline (which must already be a trampoline of <see cref="Build"/>) ends the sites.
    /// </summary>
    public void AddSiteTables(ulong tablesVa, IReadOnlyList<(ulong Code, ulong Target, ulong Key)> jumps,
        IReadOnlyList<(ulong Addr, ulong Trampoline, ulong Key)> calls)
    {
        const ulong text = (ulong)(MemAttr.Read | MemAttr.Exec | MemAttr.Immutable);
        var trampolines = new List<(ulong, ulong)>();
        byte[] t = new byte[(jumps.Count * 16) + (calls.Count * 8) + (calls.Count * 8) + 16];
        int o = 0;
        foreach ((ulong code, ulong target, ulong key) in jumps)
        {
            ulong entry = tablesVa + (ulong)o;
            BinaryPrimitives.WriteInt32LittleEndian(t.AsSpan(o), checked((int)unchecked((long)(code - entry))));
            BinaryPrimitives.WriteInt32LittleEndian(t.AsSpan(o + 4), checked((int)unchecked((long)(target - (entry + 4)))));
            BinaryPrimitives.WriteInt64LittleEndian(t.AsSpan(o + 8), unchecked((long)(key - (entry + 8))) | 2);
            Write(code, new byte[] { 0x0F, 0x1F, 0x44, 0x00, 0x00 }, text);
            o += 16;
        }

        foreach ((ulong addr, ulong trampoline, ulong key) in calls)
        {
            ulong entry = tablesVa + (ulong)o;
            BinaryPrimitives.WriteInt32LittleEndian(t.AsSpan(o), checked((int)unchecked((long)(addr - entry))));
            BinaryPrimitives.WriteInt32LittleEndian(t.AsSpan(o + 4), checked((int)unchecked((long)(key - (entry + 4)))));
            byte[] insn = new byte[5];
            insn[0] = 0xE8;
            BinaryPrimitives.WriteInt32LittleEndian(insn.AsSpan(1), checked((int)unchecked((long)(trampoline - (addr + 5)))));
            Write(addr, insn, text);
            if (!trampolines.Exists(x => x.Item1 == trampoline))
            {
                trampolines.Add((trampoline, key));
            }

            o += 8;
        }

        foreach ((ulong trampoline, ulong key) in trampolines)
        {
            ulong entry = tablesVa + (ulong)o;
            BinaryPrimitives.WriteInt32LittleEndian(t.AsSpan(o), checked((int)unchecked((long)(trampoline - entry))));
            BinaryPrimitives.WriteInt32LittleEndian(t.AsSpan(o + 4), checked((int)unchecked((long)(key - (entry + 4)))));
            o += 8;
        }

        TablesVa = tablesVa;
        Tables = t;
        Write(tablesVa, t, (ulong)(MemAttr.Read | MemAttr.Immutable));
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
