using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.Kdata;
using Lvbs.Kernel.Heki.TextPatch;
using Lvbs.Kernel.Modules.Content.Rewrites;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// VTL1's view of the sealed core kernel: the translation PROTECT_MEMORY recorded, read through
/// the seals (<see cref="SealedPages"/>), offered to VALIDATE_MODULE as
/// <see cref="ILockedKernelMemory"/> and to PATCH_TEXT as registered core sites. Everything is
/// settled once, at the end of boot (<see cref="OnEndOfBoot"/>), when no boot-only call can change
/// translations or kernel data any more.
/// </summary>
public sealed class CoreKernelView
{
    private readonly KernelDataStore _kdata;
    private readonly PatchTextCall _patchText;
    private KernelSiteScan _scan;

    /// <summary>Creates the view over PROTECT_MEMORY's map and seals, LOAD_KDATA's store and PATCH_TEXT.</summary>
    public CoreKernelView(CoreKernelMap map, PageSealTable seals, IGuestMemory memory, KernelDataStore kdata, PatchTextCall patchText)
    {
        Pages = new SealedPages(map, seals, memory);
        PvOps = new EndOfBootSnapshot();
        LockedMemory = new LockedKernelMemory(Pages, PvOps);
        _kdata = kdata;
        _patchText = patchText;
        SiteStatus = -1;
    }

    /// <summary>The sealed-page reader.</summary>
    public SealedPages Pages { get; }

    /// <summary>The copy of <c>pv_ops</c> (its export) taken at the end of boot; empty when it is not exported or not mapped.</summary>
    public EndOfBootSnapshot PvOps { get; }

    /// <summary>Locked core memory for the module rewrite rules (answers only after the end of boot).</summary>
    public LockedKernelMemory LockedMemory { get; }

    /// <summary>Result of the core-site registration: -1 before the end of boot, then 0 or a positive errno.</summary>
    public int SiteStatus { get; private set; }

    /// <summary>What the .rodata scan found (empty unless it succeeded).</summary>
    public KernelSiteScan Scan => _scan;

    /// <summary>Freezes the translation, copies <c>pv_ops</c> and registers the core PATCH_TEXT sites (once).</summary>
    public void OnEndOfBoot()
    {
        if (Pages.Map.Frozen)
        {
            return;
        }

        Pages.Map.Freeze();
        if (_kdata.Symbols is not null && _kdata.Symbols.TryResolve("pv_ops"u8, out ulong pvOps))
        {
            PvOps.Capture(Pages, pvOps);
        }

        SiteStatus = CoreKernelSites.Register(_kdata, Pages, _patchText, out _scan);
    }
}
