using System;
namespace Lvbs.Abi.Heki;

/// <summary>Helpers over the open set of <see cref="VtlCallFunction"/> values.</summary>
public static class VtlCallFunctions
{
    /// <summary>Lowest LVBS service id (lvbs-abi.md §1.2).</summary>
    public const ulong FirstServiceId = 0x1FFE0;

    /// <summary>Highest LVBS service id (OPTEE_MESSAGE, lvbs-abi.md §1.2).</summary>
    public const ulong LastServiceId = 0x1FFF0;

    /// <summary>True when <paramref name="raw"/> is a function id this ABI defines.</summary>
    public static bool IsKnown(ulong raw)
    {
        // 0x1FFEF is unassigned in every published table: reject it like any other value.
        switch ((VtlCallFunction)raw)
        {
            case VtlCallFunction.Boot:
            case VtlCallFunction.EnableApsVtl:
            case VtlCallFunction.BootAps:
            case VtlCallFunction.LockRegs:
            case VtlCallFunction.SignalEndOfBoot:
            case VtlCallFunction.ProtectMemory:
            case VtlCallFunction.LoadKdata:
            case VtlCallFunction.ValidateModule:
            case VtlCallFunction.FreeModuleInit:
            case VtlCallFunction.UnloadModule:
            case VtlCallFunction.CopySecondaryKey:
            case VtlCallFunction.KexecValidate:
            case VtlCallFunction.PatchText:
            case VtlCallFunction.AllocateRingbufferMemory:
            case VtlCallFunction.SetPlatformRootKey:
            case VtlCallFunction.GenerateIdentitySigningKey:
            case VtlCallFunction.OpteeMessage:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// True for calls that LiteBox/Gen-A refuse after SIGNAL_END_OF_BOOT (EPERM), lvbs-abi.md §1.2.
    /// </summary>
    public static bool IsBootOnly(VtlCallFunction function)
    {
        switch (function)
        {
            case VtlCallFunction.LockRegs:
            case VtlCallFunction.ProtectMemory:
            case VtlCallFunction.LoadKdata:
            case VtlCallFunction.AllocateRingbufferMemory:
                return true;
            default:
                return false;
        }
    }
}
