namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// HvMessage (256 bytes) and the x64 intercept payloads inside it (OVMM-hvdef;
/// hypervisor-backends.md §1.1 P2; lvbs-abi.md §5.4). Payload offsets are relative to the
/// payload start (<see cref="PayloadOffset"/>).
/// </summary>
public static class HvMessage
{
    /// <summary>Whole message size; also the SynIC message-page slot size.</summary>
    public const int Size = 256;
    /// <summary>Message type u32.</summary>
    public const int TypeOffset = 0;
    /// <summary>Payload size u8.</summary>
    public const int PayloadSizeOffset = 4;
    /// <summary>Flags u8 (bit 0 message pending).</summary>
    public const int FlagsOffset = 5;
    /// <summary>Payload start.</summary>
    public const int PayloadOffset = 16;
    /// <summary>Maximum payload.</summary>
    public const int MaxPayload = 240;

    /// <summary>Intercept header: vp_index u32.</summary>
    public const int HeaderVpIndex = 0;
    /// <summary>Intercept header: instruction length (bits 0–3) | CR8 (bits 4–7).</summary>
    public const int HeaderInstructionLength = 4;
    /// <summary>Intercept header: access type u8 (0 read, 1 write, 2 execute).</summary>
    public const int HeaderAccessType = 5;
    /// <summary>Intercept header: execution state u16 (bits 0–1 CPL).</summary>
    public const int HeaderExecutionState = 6;
    /// <summary>Intercept header: RIP.</summary>
    public const int HeaderRip = 24;
    /// <summary>Intercept header: RFLAGS.</summary>
    public const int HeaderRflags = 32;
    /// <summary>Intercept header size.</summary>
    public const int HeaderSize = 40;

    /// <summary>Register intercept: register name u32.</summary>
    public const int RegisterName = 44;
    /// <summary>Register intercept: 128-bit source value.</summary>
    public const int RegisterValue = 48;

    /// <summary>MSR intercept: msr u32.</summary>
    public const int MsrNumber = 40;
    /// <summary>MSR intercept: RDX.</summary>
    public const int MsrRdx = 48;
    /// <summary>MSR intercept: RAX.</summary>
    public const int MsrRax = 56;

    /// <summary>Memory intercept: access info u8.</summary>
    public const int MemoryAccessInfo = 45;
    /// <summary>Memory intercept: GVA.</summary>
    public const int MemoryGva = 48;
    /// <summary>Memory intercept: GPA.</summary>
    public const int MemoryGpa = 56;
    /// <summary>Memory intercept payload size (0x50).</summary>
    public const int MemoryPayloadSize = 0x50;
}
