using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// SIGNAL_END_OF_BOOT (0x1FFE3, lvbs-abi.md §1.2): the one-way flag after which boot-only calls
/// are refused. A repeated signal is refused with -EPERM (the table marks this call boot-only)
/// so VTL0 learns that nothing happened; the state stays at end of boot.
/// </summary>
public sealed class SignalEndOfBootCall : IVsmCallHandler
{
    private readonly VsmBootState _state;

    /// <summary>Creates the service over the shared boot state.</summary>
    public SignalEndOfBootCall(VsmBootState state)
    {
        _state = state;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        return _state.TrySignalEndOfBoot() ? 0 : -(long)LinuxErrno.EPERM;
    }
}
