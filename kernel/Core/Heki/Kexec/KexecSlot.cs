using System;
using Lvbs.Kernel.Heki.Modules;

namespace Lvbs.Kernel.Heki.Kexec;

/// <summary>
/// One of KEXEC_VALIDATE's two images (a3 = 0: the image <c>kexec -e</c> boots; a3 = 1: the crash
/// image), as Linux keeps <c>kexec_image</c> and <c>kexec_crash_image</c>. A slot owns its
/// frames in <see cref="ProtectedFrames"/> under one of two owner ids that alternate with each
/// validation, so while a new image is checked the old image's frames (owner
/// <see cref="CurrentOwner"/>) and the new one's (<see cref="NextOwner"/>) stay distinguishable and
/// the old protection is released only after the new image is accepted.
/// </summary>
public sealed class KexecSlot
{
    private readonly ushort _ownerA;
    private readonly ushort _ownerB;
    private ulong[] _pfns = Array.Empty<ulong>();
    private bool _useB;

    /// <summary>Creates a slot whose owner ids are <paramref name="ownerA"/> and <paramref name="ownerB"/>.</summary>
    public KexecSlot(bool crash, ushort ownerA, ushort ownerB)
    {
        Crash = crash;
        _ownerA = ownerA;
        _ownerB = ownerB;
    }

    /// <summary>True for the crash slot.</summary>
    public bool Crash { get; }

    /// <summary>True while an accepted image holds protected frames.</summary>
    public bool Loaded => _pfns.Length != 0;

    /// <summary>Owner id of the accepted image's frames.</summary>
    public ushort CurrentOwner => _useB ? _ownerB : _ownerA;

    /// <summary>Owner id a new image's frames take while it is checked.</summary>
    public ushort NextOwner => _useB ? _ownerA : _ownerB;

    /// <summary>The accepted image's protected frames (kimage pages, then KexecPages).</summary>
    public ReadOnlySpan<ulong> Frames => _pfns;

    /// <summary>Entry PA (<c>kimage.start</c>) of the accepted image; 0 when none.</summary>
    public ulong Start { get; private set; }

    /// <summary>Destination PA of the accepted image's verified kernel segment; 0 when none.</summary>
    public ulong KernelDestination { get; private set; }

    /// <summary>Images accepted into this slot so far.</summary>
    public ulong Accepted { get; private set; }

    /// <summary>Makes the image owned by <see cref="NextOwner"/> current (the caller released the old frames).</summary>
    public void Commit(ulong[] pfns, ulong start, ulong kernelDestination)
    {
        _pfns = pfns;
        _useB = !_useB;
        Start = start;
        KernelDestination = kernelDestination;
        Accepted++;
    }

    /// <summary>Forgets the accepted image (the caller released its frames).</summary>
    public void Clear()
    {
        _pfns = Array.Empty<ulong>();
        Start = 0;
        KernelDestination = 0;
    }
}
