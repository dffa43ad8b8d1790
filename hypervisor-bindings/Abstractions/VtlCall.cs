namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// A VTL call as the dispatcher receives it: the LVBS register convention RDI = function id,
/// RSI/RDX/R8 = arguments; the dispatcher's result goes back in R8 (lvbs-abi.md §1.1).
/// All fields are raw VTL0 values: validate before use.
/// </summary>
public struct VtlCall
{
    /// <summary>VP that made the call.</summary>
    public uint Vp;
    /// <summary>RDI: function id (see Lvbs.Abi.Heki.VtlCallFunction).</summary>
    public ulong FunctionId;
    /// <summary>RSI.</summary>
    public ulong Arg1;
    /// <summary>RDX.</summary>
    public ulong Arg2;
    /// <summary>R8.</summary>
    public ulong Arg3;
}
