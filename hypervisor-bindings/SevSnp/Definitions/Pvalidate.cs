namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>PVALIDATE operands: RAX VA, RCX page size, RDX 1 validate / 0 rescind; CF = 1 means unchanged (COCONUT-SVSM sev/utils.rs pvalidate).</summary>
public static class Pvalidate
{
    /// <summary>RDX: validate.</summary>
    public const ulong Validate = 1;
    /// <summary>RDX: rescind validation.</summary>
    public const ulong Invalidate = 0;
}
