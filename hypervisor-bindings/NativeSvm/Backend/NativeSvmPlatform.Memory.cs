using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

public sealed unsafe partial class NativeSvmPlatform
{
    /// <summary>Copies lower-VTL memory out, page by page through the nested page table.</summary>
    public BindingStatus Read(ulong gpa, System.Span<byte> destination)
    {
        BindingStatus s = GuestRange.Check(gpa, (ulong)destination.Length, 1, _ramEnd, _higherStart, _higherEnd);
        if (s != BindingStatus.Success)
        {
            return s;
        }
        int done = 0;
        while (done < destination.Length)
        {
            ulong address = gpa + (ulong)done;
            if (!_npt.TryTranslate(address, out ulong hpa, out _))
            {
                return BindingStatus.OutOfRange;
            }
            int chunk = System.Math.Min(destination.Length - done, 4096 - (int)(address & 0xFFF));
            // SAFETY: hpa is a host page the NPT maps for the guest; the chunk stays inside it.
            new System.ReadOnlySpan<byte>((byte*)hpa, chunk).CopyTo(destination.Slice(done, chunk));
            done += chunk;
        }
        return BindingStatus.Success;
    }

    /// <summary>Copies into lower-VTL memory (the secure kernel writing, so NPT permissions do not apply).</summary>
    public BindingStatus Write(ulong gpa, System.ReadOnlySpan<byte> source)
    {
        BindingStatus s = GuestRange.Check(gpa, (ulong)source.Length, 1, _ramEnd, _higherStart, _higherEnd);
        if (s != BindingStatus.Success)
        {
            return s;
        }
        // Translate every page first so a failure writes nothing.
        for (ulong page = gpa & ~0xFFFUL; page < gpa + (ulong)source.Length; page += 4096)
        {
            if (!_npt.TryTranslate(page, out _, out _))
            {
                return BindingStatus.OutOfRange;
            }
        }
        int done = 0;
        while (done < source.Length)
        {
            ulong address = gpa + (ulong)done;
            _npt.TryTranslate(address, out ulong hpa, out _);
            int chunk = System.Math.Min(source.Length - done, 4096 - (int)(address & 0xFFF));
            // SAFETY: as in Read.
            source.Slice(done, chunk).CopyTo(new System.Span<byte>((byte*)hpa, chunk));
            done += chunk;
        }
        return BindingStatus.Success;
    }

    /// <summary>Sets nested-page permissions; refuses what NPT cannot express (PermissionRules).</summary>
    public BindingStatus SetLowerVtlPermissions(ulong firstPfn, ulong pageCount, VtlPermissions permissions)
    {
        BindingStatus s = GuestRange.CheckPages(firstPfn, pageCount, _ramEnd, _higherStart, _higherEnd);
        if (s != BindingStatus.Success)
        {
            return s;
        }
        s = PermissionRules.Check(permissions, Capabilities.Get(Capability.ExecuteSplit).Level);
        if (s != BindingStatus.Success)
        {
            return s;
        }
        s = _npt.Protect(firstPfn, pageCount, permissions);
        if (s == BindingStatus.Success)
        {
            // No flush-by-ASID under TCG: flush everything on the next VMRUN.
            _vmcb.Write8(Definitions.VmcbOffsets.TlbControl, Definitions.SvmArchitecture.TlbFlushAll);
        }
        return s;
    }

    /// <summary>The lower VTL's current permissions on one page (for reports and tests).</summary>
    public bool TryGetPermissions(ulong gpa, out VtlPermissions permissions) => _npt.TryTranslate(gpa, out _, out permissions);
}
