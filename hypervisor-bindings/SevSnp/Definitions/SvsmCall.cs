namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>
/// SVSM calling convention (Linux asm/sev.h; COCONUT-SVSM protocols; hypervisor-backends.md
/// §1.2 P3): RAX = (protocol &lt;&lt; 32) | call id, parameters RCX/RDX/R8/R9, result in RAX.
/// <see cref="LvbsProtocol"/> is this project's own protocol number for VTL calls (not
/// published anywhere: COCONUT uses 0–4).
/// </summary>
public static class SvsmCall
{
    /// <summary>Core protocol.</summary>
    public const uint CoreProtocol = 0;
    /// <summary>Attestation protocol.</summary>
    public const uint AttestationProtocol = 1;
    /// <summary>vTPM protocol.</summary>
    public const uint VtpmProtocol = 2;
    /// <summary>APIC protocol.</summary>
    public const uint ApicProtocol = 3;
    /// <summary>UEFI MM protocol.</summary>
    public const uint UefiMmProtocol = 4;
    /// <summary>Project-defined: LVBS VTL call (RDI/RSI/RDX/R8 as on Hyper-V, result in R8).</summary>
    public const uint LvbsProtocol = 0x4C56;

    /// <summary>Core: REMAP_CA.</summary>
    public const uint CoreRemapCa = 0;
    /// <summary>Core: PVALIDATE.</summary>
    public const uint CorePvalidate = 1;
    /// <summary>Core: CREATE_VCPU.</summary>
    public const uint CoreCreateVcpu = 2;
    /// <summary>Core: DELETE_VCPU.</summary>
    public const uint CoreDeleteVcpu = 3;
    /// <summary>Core: QUERY_PROTOCOL.</summary>
    public const uint CoreQueryProtocol = 6;

    /// <summary>Success.</summary>
    public const ulong Success = 0;
    /// <summary>Incomplete.</summary>
    public const ulong ErrorIncomplete = 0x8000_0000;
    /// <summary>Unsupported protocol.</summary>
    public const ulong ErrorUnsupportedProtocol = 0x8000_0001;
    /// <summary>Unsupported call.</summary>
    public const ulong ErrorUnsupportedCall = 0x8000_0002;
    /// <summary>Invalid address.</summary>
    public const ulong ErrorInvalidAddress = 0x8000_0003;
    /// <summary>Invalid format.</summary>
    public const ulong ErrorInvalidFormat = 0x8000_0004;
    /// <summary>Invalid parameter.</summary>
    public const ulong ErrorInvalidParameter = 0x8000_0005;
    /// <summary>Invalid request.</summary>
    public const ulong ErrorInvalidRequest = 0x8000_0006;
    /// <summary>Busy.</summary>
    public const ulong ErrorBusy = 0x8000_0007;
    /// <summary>Base of protocol-specific codes (e.g. 0x80001006 PVALIDATE size mismatch).</summary>
    public const ulong ProtocolErrorBase = 0x8000_1000;

    /// <summary>RAX for a call.</summary>
    public static ulong Rax(uint protocol, uint callId) => ((ulong)protocol << 32) | callId;
}
