using System;
namespace Lvbs.Abi.Heki;

/// <summary>
/// VALIDATE_MODULE range types: Linux <c>enum mod_mem_type</c> plus ElfBuffer (MOD_ELF =
/// MOD_MEM_NUM_TYPES) and Patch (lvbs-abi.md §1.3). Open set.
/// </summary>
public enum ModMemType : ulong
{
    /// <summary>MOD_TEXT.</summary>
    Text = 0,
    /// <summary>MOD_DATA.</summary>
    Data = 1,
    /// <summary>MOD_RODATA.</summary>
    RoData = 2,
    /// <summary>MOD_RO_AFTER_INIT.</summary>
    RoAfterInit = 3,
    /// <summary>MOD_INIT_TEXT.</summary>
    InitText = 4,
    /// <summary>MOD_INIT_DATA.</summary>
    InitData = 5,
    /// <summary>MOD_INIT_RODATA.</summary>
    InitRoData = 6,
    /// <summary>The original signed .ko buffer.</summary>
    ElfBuffer = 7,
    /// <summary>Per-module jump-label patch info.</summary>
    Patch = 8,
}
