using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// One module VTL1 admitted: its token, the frames it owns with each frame's memory type, the
/// VA and size of each region, its exports and its jump-label patch info (ModMemType.Patch).
/// </summary>
public sealed class ModuleRecord
{
    private readonly ulong[] _regionVa = new ulong[LoadedModule.RegionTypeCount];
    private readonly ulong[] _regionSize = new ulong[LoadedModule.RegionTypeCount];

    internal ModuleRecord(long token, ushort owner, ulong[] pfns, ModMemType[] types, AdmittedModule admitted, byte[] patchInfo)
    {
        Token = token;
        Owner = owner;
        Pfns = pfns;
        Types = types;
        Admitted = admitted;
        PatchInfo = patchInfo;
    }

    /// <summary>The token VTL0 holds (<c>mod->heki_token</c>).</summary>
    public long Token { get; }

    /// <summary>The owner value in <see cref="ProtectedFrames"/>.</summary>
    internal ushort Owner { get; }

    /// <summary>Every frame of the module's regions.</summary>
    internal ulong[] Pfns { get; }

    /// <summary>The memory type of each frame in <see cref="Pfns"/>.</summary>
    internal ModMemType[] Types { get; }

    /// <summary>Exports and relocated sections.</summary>
    public AdmittedModule Admitted { get; }

    /// <summary>The module's jump-label patch info bytes as received (empty when none).</summary>
    public byte[] PatchInfo { get; }

    /// <summary>True after FREE_MODULE_INIT.</summary>
    public bool InitFreed { get; internal set; }

    /// <summary>VA of region <paramref name="type"/> (0 when absent).</summary>
    public ulong RegionVa(ModMemType type) => (ulong)type < LoadedModule.RegionTypeCount ? _regionVa[(int)type] : 0;

    /// <summary>Size of region <paramref name="type"/> (0 when absent).</summary>
    public ulong RegionSize(ModMemType type) => (ulong)type < LoadedModule.RegionTypeCount ? _regionSize[(int)type] : 0;

    internal void SetRegion(ModMemType type, ulong va, ulong size)
    {
        _regionVa[(int)type] = va;
        _regionSize[(int)type] = size;
    }

    /// <summary>True for MOD_INIT_TEXT, MOD_INIT_DATA, MOD_INIT_RODATA.</summary>
    public static bool IsInit(ModMemType type) =>
        type == ModMemType.InitText || type == ModMemType.InitData || type == ModMemType.InitRoData;
}
