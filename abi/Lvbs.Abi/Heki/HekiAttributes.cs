using System;
namespace Lvbs.Abi.Heki;

/// <summary>
/// Decoding of the per-call <see cref="HekiRange.Attributes"/> vocabularies. Every switch
/// rejects values outside the published tables (lvbs-abi.md §1.3: "attribute must decode to
/// some known enum").
/// </summary>
public static class HekiAttributes
{
    /// <summary>The "unknown" marker both sides use for any vocabulary.</summary>
    public const ulong Unknown = 0xFFFF_FFFF_FFFF_FFFF;

    /// <summary>All defined MemAttr bits.</summary>
    public const ulong MemAttrMask = (ulong)(MemAttr.Read | MemAttr.Write | MemAttr.Exec | MemAttr.Immutable);

    /// <summary>True when only defined MemAttr bits are set.</summary>
    public static bool IsValidMemAttr(ulong raw) => (raw & ~MemAttrMask) == 0;

    /// <summary>True for a defined <see cref="HekiKdataType"/>.</summary>
    public static bool IsValidKdataType(ulong raw)
    {
        switch ((HekiKdataType)raw)
        {
            case HekiKdataType.SystemCerts:
            case HekiKdataType.RevocationCerts:
            case HekiKdataType.BlocklistHashes:
            case HekiKdataType.KernelInfo:
            case HekiKdataType.KernelData:
            case HekiKdataType.PatchInfo:
            case HekiKdataType.KexecTrampoline:
                return true;
            default:
                return false;
        }
    }

    /// <summary>True for a defined <see cref="ModMemType"/>.</summary>
    public static bool IsValidModMemType(ulong raw)
    {
        switch ((ModMemType)raw)
        {
            case ModMemType.Text:
            case ModMemType.Data:
            case ModMemType.RoData:
            case ModMemType.RoAfterInit:
            case ModMemType.InitText:
            case ModMemType.InitData:
            case ModMemType.InitRoData:
            case ModMemType.ElfBuffer:
            case ModMemType.Patch:
                return true;
            default:
                return false;
        }
    }

    /// <summary>True for a defined <see cref="HekiKexecType"/>.</summary>
    public static bool IsValidKexecType(ulong raw)
    {
        switch ((HekiKexecType)raw)
        {
            case HekiKexecType.KexecImage:
            case HekiKexecType.KexecKernelBlob:
            case HekiKexecType.KexecPages:
                return true;
            default:
                return false;
        }
    }
}
