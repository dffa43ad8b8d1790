using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

/// <summary>What the native SVM backend enforces, and what it only approximates.</summary>
public static class NativeSvmCapabilities
{
    public static BackendCapabilities Create() => new BackendCapabilities("native-svm", new CapabilityCell[]
    {
        CapabilityCell.Full(), // GuestMemoryAccess: through the nested page table the kernel owns
        CapabilityCell.Full(), // PageProtection: NPT read/write/execute, enforced by the CPU
        CapabilityCell.Approximate("NPT has one execute bit and nested walks are user accesses: kernel and user execute cannot be separated (no MBEC/GMET)"),
        CapabilityCell.Full(), // ControlRegisterPinning: every CR0/CR4 write exits (SVM has no guest/host mask); the kernel compares the pinned bits
        CapabilityCell.Full(), // MsrWriteIntercept: MSR permission map
        CapabilityCell.Full(), // DescriptorTableIntercept: GDTR/IDTR/LDTR/TR write intercepts
        CapabilityCell.Full(), // VtlCall: VMMCALL
        CapabilityCell.None("one guest vCPU and no virtual interrupt routing to VTL1 yet"),
        CapabilityCell.None("single vCPU: no INIT/SIPI emulation"),
        CapabilityCell.Full(), // LowerVpRegisters: VMCB and saved GPRs
        CapabilityCell.Full(), // EventInjection: EVENTINJ
        CapabilityCell.Full(), // Xcr0Intercept: XSETBV intercept (vector 0x010 bit 13, exit 0x8D); XCR0 read/written with XGETBV/XSETBV (not in the VMCB)
    });
}
