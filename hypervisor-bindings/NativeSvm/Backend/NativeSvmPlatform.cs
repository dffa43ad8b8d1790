using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Definitions;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

/// <summary>
/// The secure kernel as the hypervisor: VTL0 is a single-vCPU SVM guest with nested paging.
/// Implements the platform capabilities the kernel uses; every exit becomes a
/// <see cref="VtlEntry"/> for the kernel's handler, which decides (AMD64 APM Vol. 2, chapter 15).
/// </summary>
public sealed unsafe partial class NativeSvmPlatform :
    ISecurePlatform, IGuestMemory, IVtlPageProtection, IRegisterIntercepts, IVpRegisters, IEventInjection, IVpStartup, IVtlEntry
{
    private readonly ISvmPort _port;
    private readonly IHostPages _pages;
    private readonly NestedPageTable _npt;
    private readonly Vmcb _vmcb;
    private readonly SvmGuestContext* _context;
    private readonly ulong _msrPermissionMap;
    private readonly ulong _ramEnd;
    private readonly ulong _higherStart;
    private readonly ulong _higherEnd;
    private bool _callPending;
    private bool _started;

    private NativeSvmPlatform(ISvmPort port, IHostPages pages, NestedPageTable npt, ulong vmcb, ulong context, ulong msrpm,
        ulong ramEnd, ulong higherStart, ulong higherEnd)
    {
        _port = port;
        _pages = pages;
        _npt = npt;
        _vmcb = new Vmcb(vmcb);
        _context = (SvmGuestContext*)context;
        _msrPermissionMap = msrpm;
        _ramEnd = ramEnd;
        _higherStart = higherStart;
        _higherEnd = higherEnd;
        Capabilities = NativeSvmCapabilities.Create();
    }

    public BackendCapabilities Capabilities { get; }

    public IGuestMemory Memory => this;

    public IVtlPageProtection Protection => this;

    public IRegisterIntercepts Intercepts => this;

    public IVpRegisters Registers => this;

    public IEventInjection Injection => this;

    public IVpStartup Startup => this;

    /// <summary>Why the guest stopped when <see cref="ReturnToLower"/> returned a failure.</summary>
    public SvmStopReason StopReason { get; private set; }

    /// <summary>The exit that stopped the guest (for reports).</summary>
    public SvmExitCode StopExitCode { get; private set; }

    /// <summary>Host physical address of the guest's VMCB (never mapped for the guest).</summary>
    public ulong VmcbPhysicalAddress => _vmcb.PhysicalAddress;

    /// <summary>
    /// Address of the guest context the world switch uses. Only for the VTL-call round-trip
    /// benchmark, whose baseline drives the world switch without the managed exit path.
    /// </summary>
    public ulong ContextAddress => (ulong)_context;

    /// <summary>Number of #VMEXITs so far.</summary>
    public ulong ExitCount { get; private set; }

    /// <summary>
    /// Checks for SVM and nested paging (CPUID), enables SVM and builds the guest's VMCB, nested
    /// page table, MSR/IO permission maps and save areas. Guest-physical [0, ramEnd) is the
    /// lower VTL's address space; [higherStart, higherEnd) is the secure kernel's and is never
    /// mapped. Returns NotSupported with nothing changed when the CPU lacks SVM or NPT.
    /// </summary>
    public static BindingStatus TryCreate(ISvmPort port, IHostPages pages, ulong ramEnd, ulong higherStart, ulong higherEnd,
        out NativeSvmPlatform? platform, out string problem)
    {
        platform = null;
        problem = "";
        port.Cpuid(0x8000_0000, out uint maxExtended, out _, out _, out _);
        uint svmFeatures = 0;
        if (maxExtended >= 0x8000_000A)
        {
            port.Cpuid(0x8000_0001, out _, out _, out uint extendedEcx, out _);
            if ((extendedEcx & (1u << SvmArchitecture.CpuidSvmBit)) == 0)
            {
                problem = "the CPU has no SVM (CPUID 0x80000001 ECX bit 2): boot QEMU with -cpu max or EPYC";
                return BindingStatus.NotSupported;
            }
            port.Cpuid(0x8000_000A, out _, out _, out _, out svmFeatures);
        }
        else
        {
            problem = "the CPU has no SVM leaf (CPUID 0x8000000A)";
            return BindingStatus.NotSupported;
        }
        if ((svmFeatures & (1u << SvmArchitecture.CpuidNestedPagingBit)) == 0)
        {
            // qemu64 advertises SVM without NPT and would accept NP_ENABLE anyway (pitfall 1).
            problem = "the CPU has SVM but no nested paging (CPUID 0x8000000A EDX bit 0): use -cpu max or qemu64,+svm,+npt";
            return BindingStatus.NotSupported;
        }

        ulong hostSave = pages.AllocateZeroedPage();
        ulong hostState = pages.AllocateZeroedPage();
        ulong vmcb = pages.AllocateZeroedPage();
        ulong context = pages.AllocateZeroedPage();
        ulong xsave = pages.AllocateZeroedPage();
        ulong iopm = pages.AllocateZeroedPages(3);
        ulong msrpm = pages.AllocateZeroedPages(2);
        if (hostSave == 0 || hostState == 0 || vmcb == 0 || context == 0 || xsave == 0 || iopm == 0 || msrpm == 0)
        {
            problem = "out of host pages for the VMCB and save areas";
            return BindingStatus.HardwareFailure;
        }
        NestedPageTable npt = new NestedPageTable(pages);

        // EFER.NXE must be set at VMRUN or NPT's NX bit is reserved (pitfall 3); it is set at boot.
        port.WriteMsr(SvmArchitecture.MsrEfer, port.ReadMsr(SvmArchitecture.MsrEfer) | SvmArchitecture.EferSvme);
        port.WriteMsr(SvmArchitecture.MsrVmHsavePa, hostSave);
        port.SaveHostState(hostState);

        SvmGuestContext* ctx = (SvmGuestContext*)context;
        ctx->XsaveAreaPa = xsave;
        ctx->HostStatePa = hostState;

        // EFER reads exit so the guest never sees the SVME bit VMRUN requires (read bit of EFER
        // in the second MSR block: index 0x80, bit 2 * 0x80).
        ((byte*)msrpm)[0x800 + 0x80 * 2 / 8] |= (byte)(1 << (0x80 * 2 % 8));

        Vmcb v = new Vmcb(vmcb);
        v.Write32(VmcbOffsets.InterceptMisc1, (uint)(SvmMisc1Intercept.Shutdown | SvmMisc1Intercept.MsrProt));
        v.Write32(VmcbOffsets.InterceptMisc2, (uint)SvmMisc2Intercept.AllSvmInstructions);
        v.Write64(VmcbOffsets.IopmBasePa, iopm);
        v.Write64(VmcbOffsets.MsrpmBasePa, msrpm);
        v.Write32(VmcbOffsets.GuestAsid, 1);
        v.Write8(VmcbOffsets.TlbControl, SvmArchitecture.TlbFlushAll);
        v.Write64(VmcbOffsets.NestedControl, 1);
        v.Write64(VmcbOffsets.NestedCr3, npt.Root);
        v.Write64(VmcbOffsets.GuestPat, 0x0007_0406_0007_0406UL);

        platform = new NativeSvmPlatform(port, pages, npt, vmcb, context, msrpm, ramEnd, higherStart, higherEnd);
        return BindingStatus.Success;
    }

    /// <summary>Backs guest-physical [gpa, gpa + count × 2 MiB) with host memory at hpa in 2 MiB pages.</summary>
    public BindingStatus MapGuestMemoryLarge(ulong gpa, ulong hpa, ulong count, VtlPermissions permissions)
    {
        BindingStatus s = GuestRange.CheckPages(gpa >> GuestRange.PageShift, count * 512, _ramEnd, _higherStart, _higherEnd);
        if (s != BindingStatus.Success)
        {
            return s;
        }
        return _npt.MapLarge(gpa, hpa, count, permissions);
    }

    /// <summary>Backs guest-physical [gpa, gpa + count pages) with host pages at hpa, with the given permissions.</summary>
    public BindingStatus MapGuestMemory(ulong gpa, ulong hpa, ulong count, VtlPermissions permissions)
    {
        BindingStatus s = GuestRange.CheckPages(gpa >> GuestRange.PageShift, count, _ramEnd, _higherStart, _higherEnd);
        if (s != BindingStatus.Success)
        {
            return s;
        }
        return _npt.Map(gpa, hpa, count, permissions);
    }
}

/// <summary>Why the guest stopped running.</summary>
public enum SvmStopReason
{
    None = 0,
    /// <summary>The guest triple-faulted (SHUTDOWN intercept).</summary>
    Shutdown,
    /// <summary>The guest executed HLT with the HLT intercept armed.</summary>
    Halted,
    /// <summary>An exit the backend does not handle; the guest cannot continue safely.</summary>
    UnhandledExit,
    /// <summary>VMRUN failed its consistency checks (exit code -1).</summary>
    InvalidState,
    /// <summary>The guest was never started.</summary>
    NotStarted,
    /// <summary>The guest accessed an intercepted I/O port (see <see cref="NativeSvmPlatform.LastPortAccess"/>).</summary>
    PortAccess,
}

/// <summary>One intercepted guest I/O instruction.</summary>
public struct PortAccess
{
    public ushort Port;
    public bool IsIn;
    public byte Size;
    /// <summary>RAX at the exit: the value an OUT writes (low <see cref="Size"/> bytes).</summary>
    public ulong Value;
    public ulong NextRip;
}
