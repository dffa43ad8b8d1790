namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>HvRegisterCrInterceptControl bits (OVMM-hvdef; lvbs-abi.md §4 table).</summary>
public static class HvCrInterceptControl
{
    /// <summary>Bit 0.</summary>
    public const ulong Cr0Write = 1UL << 0;
    /// <summary>Bit 1.</summary>
    public const ulong Cr4Write = 1UL << 1;
    /// <summary>Bit 2.</summary>
    public const ulong Xcr0Write = 1UL << 2;
    /// <summary>Bit 6.</summary>
    public const ulong LstarWrite = 1UL << 6;
    /// <summary>Bit 8.</summary>
    public const ulong StarWrite = 1UL << 8;
    /// <summary>Bit 10.</summary>
    public const ulong CstarWrite = 1UL << 10;
    /// <summary>Bit 12.</summary>
    public const ulong ApicBaseWrite = 1UL << 12;
    /// <summary>Bit 14.</summary>
    public const ulong EferWrite = 1UL << 14;
    /// <summary>Bit 15.</summary>
    public const ulong GdtrWrite = 1UL << 15;
    /// <summary>Bit 16.</summary>
    public const ulong IdtrWrite = 1UL << 16;
    /// <summary>Bit 17.</summary>
    public const ulong LdtrWrite = 1UL << 17;
    /// <summary>Bit 18.</summary>
    public const ulong TrWrite = 1UL << 18;
    /// <summary>Bit 19.</summary>
    public const ulong SysenterCsWrite = 1UL << 19;
    /// <summary>Bit 20.</summary>
    public const ulong SysenterEipWrite = 1UL << 20;
    /// <summary>Bit 21.</summary>
    public const ulong SysenterEspWrite = 1UL << 21;
    /// <summary>Bit 22.</summary>
    public const ulong SfmaskWrite = 1UL << 22;
}
