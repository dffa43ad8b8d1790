namespace Lvbs.Kernel.Heki.Kexec;

/// <summary>Size limits of KEXEC_VALIDATE (above them: ERANGE; lvbs-abi.md §1.2 error table).</summary>
public static class KexecLimits
{
    /// <summary>
    /// Most bytes of KexecImage ranges: <c>struct kimage</c> (about 1 KiB on x86-64 6.x) in its
    /// own page (the VTL0 patch "Place the kimage structure in a separate page"); two pages allow a
    /// larger struct that straddles one boundary.
    /// </summary>
    public const int ImageBytes = 2 * 4096;

    /// <summary>Most bytes of the kernel file (KexecKernelBlob); a Debian 6.1 vmlinuz is 14 MiB.</summary>
    public const int KernelBlob = 128 << 20;

    /// <summary>
    /// Most frames one image may protect (kimage pages + KexecPages): 1 GiB of 4 KiB pages,
    /// above the ~13,200 source pages a 52 MiB init_size kernel needs.
    /// </summary>
    public const int Frames = 1 << 18;
}
