using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// The permissions a module's frames get, per <see cref="ModMemType"/>, mapped for the
/// backend through <see cref="ProtectionMapping"/> (lvbs-abi.md §2.1, §2.2): frozen = R while
/// VTL1 copies and checks; final Text/InitText = R+X (never W), RoData/InitRoData = R,
/// Data/InitData/RoAfterInit = RW (never X; RoAfterInit becomes R at FREE_MODULE_INIT, because
/// Linux still writes it between complete_formation and the end of do_init_module, e.g.
/// jump_label_sort_entries on <c>__jump_table</c>); released = RW without X.
/// </summary>
public sealed class ModulePermissions
{
    /// <summary>Per type (index = ModMemType) final permission.</summary>
    public readonly VtlPermissions[] Final = new VtlPermissions[LoadedModule.RegionTypeCount];

    /// <summary>Read-only.</summary>
    public VtlPermissions ReadOnly;

    /// <summary>Read-write, not executable.</summary>
    public VtlPermissions ReadWrite;

    /// <summary>Read + kernel execute.</summary>
    public VtlPermissions ReadExecute;

    /// <summary>Computes the set for <paramref name="capabilities"/>; 0 or the errno of <see cref="ProtectionMapping.TryMap"/> (ENOTSUP when unenforceable).</summary>
    public LinuxErrno Compute(BackendCapabilities capabilities)
    {
        LinuxErrno e = ProtectionMapping.TryMap((ulong)MemAttr.Read, capabilities, out ReadOnly);
        if (e == 0)
        {
            e = ProtectionMapping.TryMap((ulong)(MemAttr.Read | MemAttr.Write), capabilities, out ReadWrite);
        }

        if (e == 0)
        {
            e = ProtectionMapping.TryMap((ulong)(MemAttr.Read | MemAttr.Exec), capabilities, out ReadExecute);
        }

        if (e != 0)
        {
            return e;
        }

        Final[(int)ModMemType.Text] = ReadExecute;
        Final[(int)ModMemType.InitText] = ReadExecute;
        Final[(int)ModMemType.RoData] = ReadOnly;
        Final[(int)ModMemType.InitRoData] = ReadOnly;
        Final[(int)ModMemType.RoAfterInit] = ReadWrite;
        Final[(int)ModMemType.Data] = ReadWrite;
        Final[(int)ModMemType.InitData] = ReadWrite;
        return 0;
    }

    /// <summary>
    /// Sets <paramref name="pfns"/>[0..<paramref name="count"/>) whose type bit is in
    /// <paramref name="typeMask"/> to <paramref name="byType"/>[type] (or <paramref name="uniform"/>
    /// when <paramref name="byType"/> is null), one backend call per run of consecutive frames
    /// with the same permission. False on the first backend failure.
    /// </summary>
    public static bool Apply(IVtlPageProtection protection, ulong[] pfns, ModMemType[] types, int count, int typeMask,
        VtlPermissions[]? byType, VtlPermissions uniform)
    {
        int i = 0;
        while (i < count)
        {
            if ((typeMask & (1 << (int)types[i])) == 0)
            {
                i++;
                continue;
            }

            VtlPermissions p = byType is null ? uniform : byType[(int)types[i]];
            int j = i + 1;
            while (j < count && pfns[j] == pfns[j - 1] + 1 && (typeMask & (1 << (int)types[j])) != 0
                && (byType is null ? uniform : byType[(int)types[j]]) == p)
            {
                j++;
            }

            if (protection.SetLowerVtlPermissions(pfns[i], (ulong)(j - i), p) != BindingStatus.Success)
            {
                return false;
            }

            i = j;
        }

        return true;
    }

    /// <summary>Bit mask of every region type.</summary>
    public const int AllTypes = (1 << LoadedModule.RegionTypeCount) - 1;

    /// <summary>Bit mask of the init types.</summary>
    public const int InitTypes = (1 << (int)ModMemType.InitText) | (1 << (int)ModMemType.InitData) | (1 << (int)ModMemType.InitRoData);
}
