namespace Lvbs.Hypervisor.Abstractions;

/// <summary>An exception to inject into the lower VTL (P7).</summary>
public struct ExceptionEvent
{
    /// <summary>Exception vector, 0..31.</summary>
    public byte Vector;
    /// <summary>Whether <see cref="ErrorCode"/> is pushed.</summary>
    public bool DeliverErrorCode;
    /// <summary>Error code.</summary>
    public uint ErrorCode;
    /// <summary>Exception parameter (CR2 for #PF).</summary>
    public ulong Parameter;

    /// <summary>#GP vector.</summary>
    public const byte GeneralProtection = 13;

    /// <summary>#GP(0), what LVBS injects after a denied intercepted write (lvbs-abi.md §4).</summary>
    public static ExceptionEvent GeneralProtectionFault()
    {
        ExceptionEvent e;
        e.Vector = GeneralProtection;
        e.DeliverErrorCode = true;
        e.ErrorCode = 0;
        e.Parameter = 0;
        return e;
    }
}
