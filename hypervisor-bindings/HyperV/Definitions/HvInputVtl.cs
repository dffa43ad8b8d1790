namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>HV_INPUT_VTL (u8): bits 0–3 target VTL, bit 4 use_target_vtl; 0 = current VTL (hypervisor-backends.md §1.1).</summary>
public static class HvInputVtl
{
    /// <summary>The caller's own VTL.</summary>
    public const byte Current = 0;
    /// <summary>Explicit VTL0 (0x10), how VTL1 addresses VTL0's registers (lvbs-abi.md §4).</summary>
    public const byte Vtl0 = 0x10;
    /// <summary>The use_target_vtl bit.</summary>
    public const byte UseTargetVtl = 0x10;

    /// <summary>Encodes an explicit target VTL (0..15).</summary>
    public static byte Target(byte vtl) => (byte)(UseTargetVtl | (vtl & 0xF));
}
