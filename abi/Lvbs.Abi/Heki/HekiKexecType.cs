using System;
namespace Lvbs.Abi.Heki;

/// <summary>KEXEC_VALIDATE range types (lvbs-abi.md §1.3). Open set.</summary>
public enum HekiKexecType : ulong
{
    /// <summary>The kimage structure.</summary>
    KexecImage = 0,
    /// <summary>The kernel blob (bzImage).</summary>
    KexecKernelBlob = 1,
    /// <summary>Kexec pages.</summary>
    KexecPages = 2,
}
