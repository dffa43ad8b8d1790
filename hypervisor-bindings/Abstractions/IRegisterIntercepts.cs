namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// P2: make lower-VTL writes to pinned state trap to the higher VTL before they take effect.
/// Arrival is an <see cref="VtlEntryReason.Intercept"/> entry; the handler decides to apply
/// the write (<see cref="IVpRegisters"/> + RIP advance) or inject #GP.
/// </summary>
public interface IRegisterIntercepts
{
    /// <summary>Arms <paramref name="configuration"/> on <paramref name="vp"/>, replacing the previous configuration.</summary>
    BindingStatus ArmIntercepts(uint vp, in InterceptConfiguration configuration);
}
