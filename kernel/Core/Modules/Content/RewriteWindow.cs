namespace Lvbs.Kernel.Modules.Content;

/// <summary>
/// A byte window in module memory that Linux may legitimately rewrite after relocation
/// (an alternatives site, a retpoline or return-thunk site, an ftrace call site, a paravirt
/// site, a jump label, a static call). Inside it the loaded bytes need not equal the reference;
/// they must be one of the encodings the site's rule allows.
/// </summary>
public readonly struct RewriteWindow
{
    /// <summary>Creates a window.</summary>
    public RewriteWindow(ulong va, int length)
    {
        Va = va;
        Length = length;
    }

    /// <summary>Virtual address of the first byte.</summary>
    public ulong Va { get; }

    /// <summary>Bytes covered.</summary>
    public int Length { get; }
}
