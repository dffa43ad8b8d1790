using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.HyperV.Backend;

/// <summary>Hyper-V VSM capability rows (hypervisor-backends.md §1.1, §2).</summary>
public static class HyperVCapabilities
{
    /// <summary>Backend name.</summary>
    public const string Name = "hyperv";

    /// <summary>
    /// The row; <paramref name="mbecEnabled"/> reflects EnablePartitionVtl flags.enable_mbec and
    /// VsmVpSecureConfigVtl0.mbec_enabled. Without MBEC, KX must equal UX (OpenHCL
    /// validate_vtl_gpa_flags). Built at init (no static initialisers in the image).
    /// </summary>
    public static BackendCapabilities Create(bool mbecEnabled)
    {
        CapabilityCell executeSplit = mbecEnabled
            ? CapabilityCell.Full()
            : CapabilityCell.None("MBEC not enabled: HV_MAP_GPA KX must equal UX");
        return new BackendCapabilities(Name, new[]
        {
            CapabilityCell.Full(), // GuestMemoryAccess: VTL1 maps VTL0 RAM
            CapabilityCell.Full(), // PageProtection: HvCallModifyVtlProtectionMask
            executeSplit,
            CapabilityCell.Full(), // CR0/CR4: CrInterceptControl + masks, pre-write
            CapabilityCell.Full(), // MSR writes: CrInterceptControl bits
            CapabilityCell.Full(), // GDTR/IDTR/LDTR/TR: CrInterceptControl bits 15-18
            CapabilityCell.Full(), // VtlCall: hypercall page vtl_call/vtl_return
            CapabilityCell.Full(), // AsyncEntry: entry reason 2 + SynIC SINT0
            CapabilityCell.Full(), // VpStartup: HvCallEnableVpVtl
            CapabilityCell.Full(), // Registers: Get/SetVpRegisters(target VTL0)
            CapabilityCell.Full(), // Injection: PendingEvent0
            CapabilityCell.Full(), // XCR0: CrInterceptControl bit 2 (xcr0_write), register intercept on HvX64RegisterXfem
        });
    }
}
