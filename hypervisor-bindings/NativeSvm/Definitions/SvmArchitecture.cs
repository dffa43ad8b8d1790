namespace Lvbs.Hypervisor.NativeSvm.Definitions;

/// <summary>MSRs, CPUID bits and encodings of AMD SVM (AMD64 APM Vol. 2, chapter 15).</summary>
public static class SvmArchitecture
{
    public const uint MsrEfer = 0xC000_0080;
    public const uint MsrVmHsavePa = 0xC001_0117;
    public const uint MsrVmCr = 0xC001_0114;

    public const ulong EferSce = 1UL << 0;
    public const ulong EferLme = 1UL << 8;
    public const ulong EferLma = 1UL << 10;
    public const ulong EferNxe = 1UL << 11;
    public const ulong EferSvme = 1UL << 12;

    /// <summary>CPUID 0x80000001 ECX bit 2: SVM.</summary>
    public const int CpuidSvmBit = 2;
    /// <summary>CPUID 0x8000000A EDX bits: nested paging, next-RIP save, decode assists.</summary>
    public const int CpuidNestedPagingBit = 0;
    public const int CpuidNextRipBit = 3;
    public const int CpuidDecodeAssistsBit = 7;

    /// <summary>EVENTINJ (VMCB 0x0A8): vector, type (3 = exception), EV (error code valid), V (valid).</summary>
    public const ulong EventTypeException = 3UL << 8;
    public const ulong EventErrorCodeValid = 1UL << 11;
    public const ulong EventValid = 1UL << 31;

    /// <summary>TLB_CONTROL (VMCB 0x05C): 1 = flush the whole TLB on VMRUN.</summary>
    public const byte TlbFlushAll = 1;

    /// <summary>Segment attributes in VMCB form (access byte in bits 0-7, AVL/L/DB/G in 8-11).</summary>
    public const ushort Code64Attributes = 0x029B; // present, DPL 0, code, readable, accessed, L
    public const ushort Data64Attributes = 0x0C93; // present, DPL 0, data, writable, accessed, DB, G
    public const ushort TssAttributes = 0x008B;    // present, busy 64-bit TSS
    public const ushort LdtAttributes = 0x0082;    // present, LDT

    /// <summary>NPF EXITINFO1 bits (AMD64 APM Vol. 2 §15.25.6): the #PF error code of the nested walk.</summary>
    public const ulong NpfPresent = 1UL << 0;
    public const ulong NpfWrite = 1UL << 1;
    public const ulong NpfUser = 1UL << 2;
    public const ulong NpfReservedBit = 1UL << 3;
    public const ulong NpfInstructionFetch = 1UL << 4;
    public const ulong NpfFinalGpa = 1UL << 32;
    public const ulong NpfGuestPageTableWalk = 1UL << 33;
}
