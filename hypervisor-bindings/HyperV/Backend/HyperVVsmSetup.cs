using System;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Definitions;

namespace Lvbs.Hypervisor.HyperV.Backend;

/// <summary>
/// One-time VSM configuration VTL1 performs at boot (LiteBox / LVBS Gen A, lvbs-abi.md §4):
/// VsmPartitionConfig = enable_vtl_protection | default protection mask, and per VP
/// VsmVpSecureConfigVtl0 = mbec_enabled (| tlb_locked).
/// </summary>
public static class HyperVVsmSetup
{
    /// <summary>
    /// Turns VTL protection on with <paramref name="defaultMask"/> for pages never protected
    /// explicitly. OpenHCL requires the default to include R and W (it cannot be turned off
    /// again), so anything else is refused.
    /// </summary>
    public static BindingStatus EnableVtlProtection(IHyperVPort port, VtlPermissions defaultMask)
    {
        VtlPermissions rw = VtlPermissions.Read | VtlPermissions.Write;
        if ((defaultMask & rw) != rw || ((byte)defaultMask & ~0xF) != 0)
        {
            return BindingStatus.InvalidPermissions;
        }

        ulong value = HvVsmConfig.EnableVtlProtection | ((ulong)defaultMask << HvVsmConfig.DefaultMaskShift);
        return SetOwn(port, HvPartition.VpIndexSelf, HvRegisterName.VsmPartitionConfig, value);
    }

    /// <summary>Sets VsmVpSecureConfigVtl0 on <paramref name="vp"/>.</summary>
    public static BindingStatus ConfigureVtl0(IHyperVPort port, uint vp, bool mbec, bool tlbLocked)
    {
        ulong value = (mbec ? HvVsmConfig.MbecEnabled : 0) | (tlbLocked ? HvVsmConfig.TlbLocked : 0);
        return SetOwn(port, vp, HvRegisterName.VsmVpSecureConfigVtl0, value);
    }

    private static BindingStatus SetOwn(IHyperVPort port, uint vp, HvRegisterName name, ulong value)
    {
        Span<byte> page = port.InputPage();
        HvInputWriter.VpRegistersHeader(page, vp, HvInputVtl.Current);
        HvInputWriter.RegisterAssoc(page, 0, name, value, 0);
        ulong result = port.Hypercall(HypercallControl.Encode(HypercallCode.SetVpRegisters, 1, 0));
        return HvRegisterMap.ToBinding(HypercallControl.Status(result));
    }
}
