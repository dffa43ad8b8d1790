using Lvbs.Hypervisor.NativeSvm.Backend;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>
/// Host pages for the hypervisor (VMCB, nested page tables, permission maps) and for guest RAM,
/// carved from page-aligned pools on the collected heap. The collector never moves objects and
/// each pool stays referenced by its owner for the kernel's lifetime, so their addresses are stable physical addresses
/// (the kernel identity-maps memory). None of these pages is ever mapped for the guest except
/// the guest RAM pool.
/// </summary>
internal sealed unsafe class HeapPages : IHostPages
{
    private readonly byte[] _pool;
    private readonly ulong _start;
    private readonly int _pageCount;
    private int _next;

    internal HeapPages(int pageCount)
    {
        byte[] pool = new byte[(pageCount + 1) * 4096];
        _pool = pool;
        fixed (byte* p = pool)
        {
            // SAFETY: the pool is pinned for the kernel's lifetime (non-moving heap, referenced by _pool).
            _start = ((ulong)p + 4095) & ~4095UL;
        }
        _pageCount = pageCount;
    }

    public ulong AllocateZeroedPage() => AllocateZeroedPages(1);

    public ulong AllocateZeroedPages(int count)
    {
        if (count <= 0 || _next + count > _pageCount)
        {
            return 0;
        }
        ulong pa = _start + (ulong)_next * 4096;
        _next += count;
        // The pool came zeroed from the allocator and pages are handed out once.
        return pa;
    }
}
