using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Modules;

/// <summary>
/// A module as VTL0 loaded it: at most one <see cref="LoadedRegion"/> per memory type
/// (MOD_TEXT..MOD_INIT_RODATA). The VALIDATE_MODULE handler builds it from the heki ranges;
/// content validation compares it with VTL1's own re-relocation of the signed ELF.
/// </summary>
public sealed class LoadedModule
{
    /// <summary>Memory types a module has (MOD_MEM_NUM_TYPES).</summary>
    public const int RegionTypeCount = 7;

    private readonly LoadedRegion?[] _regions = new LoadedRegion?[RegionTypeCount];

    /// <summary>The region of <paramref name="type"/>, or null when the module has none.</summary>
    public LoadedRegion? this[ModMemType type] => (ulong)type < RegionTypeCount ? _regions[(int)type] : null;

    /// <summary>Sets a region; false (nothing changed) for a type outside Text..InitRoData or a second region of one type.</summary>
    public bool TrySet(LoadedRegion region)
    {
        if ((ulong)region.Type >= RegionTypeCount || _regions[(int)region.Type] is not null)
        {
            return false;
        }

        _regions[(int)region.Type] = region;
        return true;
    }
}
