using System;

namespace Lvbs.Kernel.Heki.Kdata;

/// <summary>
/// What LOAD_KDATA delivered, held by VTL1 for the rest of the run (lvbs-abi.md §1.4): the
/// kernel's exported-symbol table over its .rodata copy, the raw certificate / revocation /
/// blocklist streams as received, the jump-label patch info (consumed by PATCH_TEXT) and the
/// kexec trampoline. Everything is committed at once by <see cref="LoadKdataCall"/>; nothing
/// here is ever read from VTL0 memory again.
/// </summary>
public sealed class KernelDataStore
{
    private byte[] _systemCerts = Array.Empty<byte>();
    private byte[] _revocationCerts = Array.Empty<byte>();
    private byte[] _blocklist = Array.Empty<byte>();
    private byte[] _patchInfo = Array.Empty<byte>();
    private byte[] _kexecTrampoline = Array.Empty<byte>();

    /// <summary>True once a LOAD_KDATA call was accepted (the call is accepted once).</summary>
    public bool Loaded { get; private set; }

    /// <summary>The core kernel's exports; null when VTL0 sent no KernelInfo/KernelData.</summary>
    public KernelSymbolTable? Symbols { get; private set; }

    /// <summary>The kernel .rodata copy the symbol table reads; null when none was sent.</summary>
    public KernelDataImage? KernelData { get; private set; }

    /// <summary>The concatenated DER system certificates as received (SystemCerts).</summary>
    public ReadOnlySpan<byte> SystemCertificates => _systemCerts;

    /// <summary>The concatenated DER revocation certificates as received (RevocationCerts).</summary>
    public ReadOnlySpan<byte> RevocationCertificates => _revocationCerts;

    /// <summary>The blocklist hash entries as received (BlocklistHashes).</summary>
    public ReadOnlySpan<byte> BlocklistHashes => _blocklist;

    /// <summary>True when VTL0 sent PatchInfo.</summary>
    public bool HasPatchInfo => _patchInfo.Length != 0;

    /// <summary>The jump-label patch info bytes (HekiPatchInfo header + HekiPatch records), for PATCH_TEXT.</summary>
    public ReadOnlySpan<byte> PatchInfo => _patchInfo;

    /// <summary>The kexec trampoline bytes.</summary>
    public ReadOnlySpan<byte> KexecTrampoline => _kexecTrampoline;

    /// <summary>Publishes one accepted LOAD_KDATA (called once, after every check passed).</summary>
    internal void Commit(byte[] systemCerts, byte[] revocationCerts, byte[] blocklist, KernelDataImage? data,
        KernelSymbolTable? symbols, byte[] patchInfo, byte[] kexecTrampoline)
    {
        _systemCerts = systemCerts;
        _revocationCerts = revocationCerts;
        _blocklist = blocklist;
        KernelData = data;
        Symbols = symbols;
        _patchInfo = patchInfo;
        _kexecTrampoline = kexecTrampoline;
        Loaded = true;
    }
}
