namespace Lvbs.Hypervisor.Tdx.Definitions;

/// <summary>VM-entry interruption-information encoding (Intel SDM vol. 3 §25.8.3): vector 0–7, type 8–10 (3 = hardware exception), deliver error code 11, valid 31.</summary>
public static class VmxEntryInterruptInfo
{
    /// <summary>Encodes a hardware exception.</summary>
    public static uint Exception(byte vector, bool deliverErrorCode)
    {
        return vector | (3u << 8) | (deliverErrorCode ? 1u << 11 : 0) | (1u << 31);
    }
}
