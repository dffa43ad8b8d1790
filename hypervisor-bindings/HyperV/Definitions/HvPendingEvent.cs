namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// Exception form of HvRegisterPendingEvent0 (OVMM-hvdef HvX64PendingExceptionEvent;
/// lvbs-abi.md §4: vector 13, deliver_error_code 1, error 0 for a denied write).
/// </summary>
public static class HvPendingEvent
{
    /// <summary>Low 64 bits: pending (bit 0), type 0 = exception (bits 1–3), deliver error code (bit 8), vector (16–31), error code (32–63).</summary>
    public static ulong ExceptionLow(byte vector, bool deliverErrorCode, uint errorCode)
    {
        return 1UL | (deliverErrorCode ? 1UL << 8 : 0) | ((ulong)vector << 16) | ((ulong)errorCode << 32);
    }
}
