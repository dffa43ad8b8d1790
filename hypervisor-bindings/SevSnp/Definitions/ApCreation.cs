namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>
/// SVM_VMGEXIT_AP_CREATION operands: exit_info_1 bits 0–11 operation, 16–19 VMPL, 32–63 APIC
/// ID; exit_info_2 = VMSA GPA; RAX = SEV features (Linux sev.h; COCONUT ap_create).
/// </summary>
public static class ApCreation
{
    /// <summary>Create on INIT.</summary>
    public const ulong CreateOnInit = 0;
    /// <summary>Create now.</summary>
    public const ulong Create = 1;
    /// <summary>Destroy.</summary>
    public const ulong Destroy = 2;

    /// <summary>exit_info_1 for <paramref name="operation"/> on <paramref name="apicId"/> at <paramref name="vmpl"/>.</summary>
    public static ulong ExitInfo1(ulong operation, byte vmpl, uint apicId)
    {
        return (operation & 0xFFF) | ((ulong)(vmpl & 0xF) << 16) | ((ulong)apicId << 32);
    }
}
