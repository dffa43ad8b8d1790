using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.Aps;

/// <summary>
/// Brings VTL1 up on application processors through <see cref="IVpStartup"/> (lvbs-abi.md §1.2
/// ENABLE_APS_VTL / BOOT_APS). Reads VTL0's CPU mask page once (a Linux <c>cpumask</c>: bit i of
/// byte i/8 is CPU i); a bit at or above the platform's VP count is EINVAL; a mask page outside
/// lower-VTL RAM is EFAULT. Every VP in the mask whose VTL1 is not up yet is started with the
/// boot code's AP context; VPs already up (the BSP, earlier calls) are skipped. ENOTSUP when
/// the boot code configured no AP entry; EIO when the backend refuses a start (VPs started
/// before it stay up).
/// </summary>
public sealed class ApStarter
{
    private readonly ISecurePlatform _platform;
    private readonly InitialVpContext _context;
    private readonly bool[] _up;
    private readonly byte[] _mask = new byte[HekiPage.Size];

    /// <summary>Creates the starter for <paramref name="vpCount"/> VPs; VP <paramref name="bootVp"/> is already up.</summary>
    public ApStarter(ISecurePlatform platform, int vpCount, uint bootVp, in InitialVpContext apContext)
    {
        if (vpCount < 1 || bootVp >= (uint)vpCount)
        {
            throw new ArgumentOutOfRangeException(nameof(vpCount));
        }

        _platform = platform;
        _context = apContext;
        _up = new bool[vpCount];
        _up[bootVp] = true;
    }

    /// <summary>VPs the starter manages.</summary>
    public int VpCount => _up.Length;

    /// <summary>True when VTL1 is up on <paramref name="vp"/>.</summary>
    public bool IsUp(int vp) => vp >= 0 && vp < _up.Length && _up[vp];

    /// <summary>
    /// Reads the mask at <paramref name="maskPfn"/> and starts every VP it names that is not up.
    /// On success <paramref name="named"/> holds, per VP, whether the mask named it.
    /// </summary>
    public LinuxErrno StartMask(ulong maskPfn, Span<bool> named)
    {
        named.Clear();
        if (maskPfn == 0 || maskPfn > (ulong.MaxValue >> GuestRange.PageShift)
            || GuestPages.ReadPage(_platform.Memory, maskPfn << GuestRange.PageShift, _mask) != BindingStatus.Success)
        {
            return LinuxErrno.EFAULT;
        }

        for (int i = 0; i < _mask.Length; i++)
        {
            byte b = _mask[i];
            for (int bit = 0; bit < 8 && b != 0; bit++)
            {
                if ((b & (1 << bit)) == 0)
                {
                    continue;
                }

                int cpu = (i * 8) + bit;
                if (cpu >= _up.Length)
                {
                    return LinuxErrno.EINVAL;
                }

                named[cpu] = true;
            }
        }

        for (int cpu = 0; cpu < _up.Length; cpu++)
        {
            if (!named[cpu] || _up[cpu])
            {
                continue;
            }

            if (_context.Rip == 0)
            {
                return LinuxErrno.ENOTSUP;
            }

            if (_platform.Startup.StartVp((uint)cpu, in _context) != BindingStatus.Success)
            {
                return LinuxErrno.EIO;
            }

            _up[cpu] = true;
        }

        return 0;
    }
}
