namespace Lvbs.Hypervisor.Tdx.Backend;

/// <summary>The registers TDCALL reads and writes (RAX = leaf in, status out).</summary>
public struct TdcallRegisters
{
    /// <summary>RAX.</summary>
    public ulong Rax;
    /// <summary>RCX.</summary>
    public ulong Rcx;
    /// <summary>RDX.</summary>
    public ulong Rdx;
    /// <summary>R8.</summary>
    public ulong R8;
    /// <summary>R9.</summary>
    public ulong R9;
    /// <summary>R10.</summary>
    public ulong R10;
    /// <summary>R11.</summary>
    public ulong R11;
}
