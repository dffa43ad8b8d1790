using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.SevSnp.Backend;

/// <summary>SEV-SNP (VMPL0 secure kernel, lower VMPL normal kernel) capability row (hypervisor-backends.md §1.2).</summary>
public static class SnpCapabilities
{
    /// <summary>Backend name.</summary>
    public const string Name = "sev-snp";

    /// <summary>Builds the row at init.</summary>
    public static BackendCapabilities Create()
    {
        return new BackendCapabilities(Name, new[]
        {
            CapabilityCell.Full(), // memory: VMPL0 maps guest RAM
            CapabilityCell.Full(), // RMPADJUST per VMPL
            CapabilityCell.Full(), // RMPADJUST bits 10/11: always MBEC
            CapabilityCell.None("no architectural way for VMPL0 to intercept lower-VMPL CR writes under KVM; SEV-ES CR traps fire after the write"),
            CapabilityCell.None("lower-VMPL MSR intercepts belong to the hypervisor's VMCB"),
            CapabilityCell.None("descriptor-table exits of lower VMPLs go to the hypervisor"),
            CapabilityCell.Approximate("project-defined SVSM protocol over SNP_RUN_VMPL; not the Hyper-V hypercall page"),
            CapabilityCell.Approximate("only exits the host routes back to VMPL0 (VMGEXIT, #HV with restricted injection)"),
            CapabilityCell.Full(), // AP creation with a VMPL0 VMSA
            CapabilityCell.Approximate("lower VMSA fields edited while the VP is not runnable (EFER.SVME cleared)"),
            CapabilityCell.Approximate("event_inj needs AlternateInjection in the lower VMSA's SEV_FEATURES"),
            CapabilityCell.None("XSETBV exits of lower VMPLs go to the hypervisor's VMCB (under SEV-ES the guest reports XCR0 itself through the GHCB); VMPL0 cannot intercept them"),
        });
    }
}
