using Lvbs.Hypervisor.NativeSvm.Definitions;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

/// <summary>Typed access to one VMCB page (offsets in <see cref="VmcbOffsets"/>).</summary>
public readonly unsafe struct Vmcb
{
    private readonly byte* _page;

    public Vmcb(ulong pa)
    {
        _page = (byte*)pa;
        PhysicalAddress = pa;
    }

    public ulong PhysicalAddress { get; }

    public ulong Read64(int offset) => *(ulong*)(_page + offset);

    public void Write64(int offset, ulong value) => *(ulong*)(_page + offset) = value;

    public uint Read32(int offset) => *(uint*)(_page + offset);

    public void Write32(int offset, uint value) => *(uint*)(_page + offset) = value;

    public void Write16(int offset, ushort value) => *(ushort*)(_page + offset) = value;

    public ushort Read16(int offset) => *(ushort*)(_page + offset);

    public void Write8(int offset, byte value) => _page[offset] = value;

    public void SetSegment(int offset, ushort selector, ushort attributes, uint limit, ulong baseAddress)
    {
        Write16(offset + VmcbOffsets.SegmentSelector, selector);
        Write16(offset + VmcbOffsets.SegmentAttributes, attributes);
        Write32(offset + VmcbOffsets.SegmentLimit, limit);
        Write64(offset + VmcbOffsets.SegmentBase, baseAddress);
    }

    public SvmExitCode ExitCode => (SvmExitCode)Read64(VmcbOffsets.ExitCode);

    public ulong ExitInfo1 => Read64(VmcbOffsets.ExitInfo1);

    public ulong ExitInfo2 => Read64(VmcbOffsets.ExitInfo2);

    public ulong Rip
    {
        get => Read64(VmcbOffsets.Rip);
        set => Write64(VmcbOffsets.Rip, value);
    }
}
