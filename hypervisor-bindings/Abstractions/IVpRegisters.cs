namespace Lvbs.Hypervisor.Abstractions;

/// <summary>P6: read/write lower-VTL registers of a VP. Writes have no side effects (TLFS SetVpRegisters).</summary>
public interface IVpRegisters
{
    /// <summary>Reads <paramref name="register"/> of <paramref name="vp"/>'s lower VTL.</summary>
    BindingStatus ReadRegister(uint vp, VpRegister register, out ulong value);

    /// <summary>Writes <paramref name="register"/> of <paramref name="vp"/>'s lower VTL.</summary>
    BindingStatus WriteRegister(uint vp, VpRegister register, ulong value);
}
