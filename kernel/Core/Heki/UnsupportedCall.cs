using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// The handler of ids this kernel does not implement yet. lvbs-abi.md §1.2 error table:
/// "ENOTSUP | unsupported function" (LiteBox answers GENERATE_IDENTITY_SIGNING_KEY the same
/// way), so VTL0 sees an honest refusal, never a silent success.
/// </summary>
public sealed class UnsupportedCall : IVsmCallHandler
{
    /// <summary>The R8 result every unsupported call gets.</summary>
    public const long Result = -(long)LinuxErrno.ENOTSUP;

    /// <inheritdoc />
    public long Handle(in VtlCall call) => Result;
}
