using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// One VTL-call service behind the <see cref="VsmDispatcher"/>. The returned value goes back to
/// VTL0 in R8: a negated <see cref="Lvbs.Abi.Heki.LinuxErrno"/> on failure, 0 or a token on
/// success (lvbs-abi.md §1.1). Implementations never throw for anything VTL0 can send.
/// </summary>
public interface IVsmCallHandler
{
    /// <summary>Handles <paramref name="call"/>, whose function id the dispatcher already matched.</summary>
    long Handle(in VtlCall call);
}
