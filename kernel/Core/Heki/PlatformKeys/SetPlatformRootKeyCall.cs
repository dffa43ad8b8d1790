using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.PlatformKeys;

/// <summary>
/// SET_PLATFORM_ROOT_KEY (0x1FFED; a1 = PA of the 32-byte key; lvbs-abi.md §1.2). The key is
/// copied once into VTL1 (EFAULT for PA 0 or a failed copy, including a range that touches the
/// secure kernel) and can be set only once: a second call answers EPERM and keeps the first
/// key. The staging copy is wiped after use.
/// </summary>
public sealed class SetPlatformRootKeyCall : IVsmCallHandler
{
    private readonly IGuestMemory _memory;
    private readonly PlatformRootKey _key;
    private readonly byte[] _staging = new byte[PlatformRootKey.Length];

    /// <summary>Creates the service.</summary>
    public SetPlatformRootKeyCall(IGuestMemory memory, PlatformRootKey key)
    {
        _memory = memory;
        _key = key;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        if (_key.IsSet)
        {
            return HekiErrno.Negative(LinuxErrno.EPERM);
        }

        if (call.Arg1 == 0 || _memory.Read(call.Arg1, _staging) != BindingStatus.Success)
        {
            Array.Clear(_staging);
            return HekiErrno.Negative(LinuxErrno.EFAULT);
        }

        _key.TrySet(_staging);
        Array.Clear(_staging);
        return 0;
    }
}
