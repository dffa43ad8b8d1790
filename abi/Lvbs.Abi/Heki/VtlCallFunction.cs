using System;
namespace Lvbs.Abi.Heki;

/// <summary>
/// LVBS VTL-call function ids, passed by VTL0 in RDI (a0). Values from heki-linux/lvbs-linux
/// drivers/hv/mshv_vsm_vtl1.c and microsoft/litebox litebox_platform_lvbs/src/mshv/mod.rs
/// (VsmFunction), as restated in lvbs-abi.md §1.2. VTL0 can send any 64-bit value: treat this
/// as an open set and use <see cref="VtlCallFunctions.IsKnown"/> before dispatching.
/// </summary>
public enum VtlCallFunction : ulong
{
    /// <summary>First call after VTL1 is started: a1 = boot_params page.</summary>
    Boot = 0x0,
    /// <summary>a1 = cpu_present_mask PFN.</summary>
    EnableApsVtl = 0x1FFE0,
    /// <summary>a1 = cpu_online_mask PFN, a2 = boot-signal page PFN.</summary>
    BootAps = 0x1FFE1,
    /// <summary>Arm CR/MSR/descriptor-table intercepts on the calling VP.</summary>
    LockRegs = 0x1FFE2,
    /// <summary>One-way end-of-boot flag.</summary>
    SignalEndOfBoot = 0x1FFE3,
    /// <summary>a1 = PA of first heki page, a2 = total ranges.</summary>
    ProtectMemory = 0x1FFE4,
    /// <summary>a1 = PA, a2 = total ranges (kdata types).</summary>
    LoadKdata = 0x1FFE5,
    /// <summary>a1 = PA, a2 = total ranges, a3 = flags; returns token ≥ 0.</summary>
    ValidateModule = 0x1FFE6,
    /// <summary>a1 = module token.</summary>
    FreeModuleInit = 0x1FFE7,
    /// <summary>a1 = module token.</summary>
    UnloadModule = 0x1FFE8,
    /// <summary>a1 = PA, a2 = total ranges.</summary>
    CopySecondaryKey = 0x1FFE9,
    /// <summary>a1 = PA (0 = invalidate only), a2 = ranges, a3 = crash flag.</summary>
    KexecValidate = 0x1FFEA,
    /// <summary>a1 = PA of HekiPatch, a2 = second page PA when it straddles.</summary>
    PatchText = 0x1FFEB,
    /// <summary>a1 = PA, a2 = size.</summary>
    AllocateRingbufferMemory = 0x1FFEC,
    /// <summary>a1 = PA of the 32-byte platform root key.</summary>
    SetPlatformRootKey = 0x1FFED,
    /// <summary>No arguments.</summary>
    GenerateIdentitySigningKey = 0x1FFEE,
    /// <summary>a1 = PFN of the 9-word SMC-args page.</summary>
    OpteeMessage = 0x1FFF0,
}
