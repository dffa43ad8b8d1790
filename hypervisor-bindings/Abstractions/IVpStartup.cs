namespace Lvbs.Hypervisor.Abstractions;

/// <summary>P5: give a VP an instance of the higher VTL (LVBS BOOT_APS).</summary>
public interface IVpStartup
{
    /// <summary>Enables the higher VTL on <paramref name="vp"/> with <paramref name="context"/>.</summary>
    BindingStatus StartVp(uint vp, in InitialVpContext context);
}
