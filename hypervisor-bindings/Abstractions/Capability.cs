namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// The primitives the secure kernel needs (hypervisor-backends.md §1 P1–P8), split where
/// backends differ. Values index <see cref="BackendCapabilities"/>.
/// </summary>
public enum Capability
{
    /// <summary>Copy in/out of lower-VTL guest physical memory.</summary>
    GuestMemoryAccess = 0,
    /// <summary>P1: per-page R/W restrictions on the lower VTL.</summary>
    PageProtection = 1,
    /// <summary>P1 with MBEC: separate user and kernel execute permissions.</summary>
    ExecuteSplit = 2,
    /// <summary>P2: CR0/CR4 bit-mask write intercepts that fire before the write takes effect.</summary>
    ControlRegisterPinning = 3,
    /// <summary>P2: MSR write intercepts.</summary>
    MsrWriteIntercept = 4,
    /// <summary>P2: GDTR/IDTR/LDTR/TR write intercepts.</summary>
    DescriptorTableIntercept = 5,
    /// <summary>P3: synchronous lower→higher call and return with the LVBS register convention.</summary>
    VtlCall = 6,
    /// <summary>P4: entry because of an interrupt or an intercept.</summary>
    AsyncEntry = 7,
    /// <summary>P5: start a VP at the higher VTL.</summary>
    VpStartup = 8,
    /// <summary>P6: read/write lower-VTL registers.</summary>
    LowerVpRegisters = 9,
    /// <summary>P7: inject an exception into the lower VTL.</summary>
    EventInjection = 10,
    /// <summary>P2: XSETBV (XCR0 write) intercepts that fire before the write takes effect.</summary>
    Xcr0Intercept = 11,
}
