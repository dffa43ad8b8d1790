namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>
/// VMSA event_inj encoding (OpenVMM x86defs SevEventInjectInfo; hypervisor-backends.md §1.2 P7):
/// vector bits 0–7, type 8–10 (0 ext, 2 NMI, 3 exception, 4 software), deliver-error-code 11,
/// valid 31, error code 32–63.
/// </summary>
public static class SevEventInject
{
    /// <summary>Type: exception.</summary>
    public const ulong TypeException = 3;
    /// <summary>Valid bit.</summary>
    public const ulong Valid = 1UL << 31;

    /// <summary>Encodes an exception.</summary>
    public static ulong Exception(byte vector, bool deliverErrorCode, uint errorCode)
    {
        return vector | (TypeException << 8) | (deliverErrorCode ? 1UL << 11 : 0) | Valid | ((ulong)errorCode << 32);
    }
}
