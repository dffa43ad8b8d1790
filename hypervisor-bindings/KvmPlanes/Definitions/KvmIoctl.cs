namespace Lvbs.Hypervisor.KvmPlanes.Definitions;

/// <summary>Linux _IO encoding for KVM ioctls without a payload: (KVMIO &lt;&lt; 8) | nr (include/uapi/asm-generic/ioctl.h).</summary>
public static class KvmIoctl
{
    /// <summary>KVMIO.</summary>
    public const uint KvmIo = 0xAE;

    /// <summary>_IO(KVMIO, nr).</summary>
    public static uint Io(uint nr) => (KvmIo << 8) | (nr & 0xFF);
}
