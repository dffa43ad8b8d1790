using System;
namespace Lvbs.Abi.Heki;

/// <summary>
/// BOOT_APS constants (LinuxVBS/linux drivers/hv/hv_vsm_boot.c; lvbs-abi.md §1.2): VTL1 writes
/// <see cref="Token"/> into <c>boot_signal[cpu]</c> for each AP it started.
/// </summary>
public static class BootSignal
{
    /// <summary>Per-CPU "VTL1 is up" token.</summary>
    public const byte Token = 0xDC;
    /// <summary>VSM_MAX_BOOT_CPUS in the Gen-A VTL0 driver.</summary>
    public const int MaxBootCpus = 96;
    /// <summary>Most CPUs of VTL0's online mask that LiteBox honours.</summary>
    public const int MaxHonouredCpus = 128;
}
