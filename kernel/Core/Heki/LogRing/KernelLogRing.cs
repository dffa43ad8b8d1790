using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.LogRing;

/// <summary>
/// The secure kernel's log, written into the VTL0 buffer registered by
/// ALLOCATE_RINGBUFFER_MEMORY in the <see cref="LogRingHeader"/> / <see cref="LogRingRecord"/>
/// format. VTL0 can read it but not write it (the call made it read-only). Before a buffer is
/// registered, records are counted as dropped. Writing allocates nothing.
/// </summary>
public sealed class KernelLogRing
{
    private readonly IGuestMemory _memory;
    private readonly byte[] _slot = new byte[LogRingRecord.Size];
    private readonly byte[] _header = new byte[LogRingHeader.HeaderSize];
    private ulong _basePa;
    private uint _slots;
    private ulong _next;
    private ulong _dropped;
    private ulong _failed;

    /// <summary>Creates an unattached log over <paramref name="memory"/>.</summary>
    public KernelLogRing(IGuestMemory memory)
    {
        _memory = memory;
    }

    /// <summary>True once a buffer is attached.</summary>
    public bool Attached => _slots != 0;

    /// <summary>PA of the attached buffer (0 when none).</summary>
    public ulong BufferPa => _basePa;

    /// <summary>Record slots of the attached buffer.</summary>
    public uint SlotCount => _slots;

    /// <summary>Records written since the buffer was attached.</summary>
    public ulong Written => _next;

    /// <summary>Records logged before a buffer was attached.</summary>
    public ulong Dropped => _dropped;

    /// <summary>Records whose write to VTL0 memory failed.</summary>
    public ulong Failed => _failed;

    /// <summary>Attaches the buffer [<paramref name="pa"/>, +<paramref name="size"/>) (already validated) and writes its header.</summary>
    internal bool Attach(ulong pa, ulong size)
    {
        uint slots = (uint)((size - LogRingHeader.HeaderSize) / LogRingRecord.Size);
        LogRingHeader h = default;
        h.Magic = LogRingHeader.MagicValue;
        h.Version = LogRingHeader.CurrentVersion;
        h.SlotSize = LogRingRecord.Size;
        h.SlotCount = slots;
        h.NextSequence = 0;
        h.Write(_header);
        // Clear the record area so stale VTL0 bytes never look like records.
        Array.Clear(_slot);
        for (uint i = 0; i < slots; i++)
        {
            if (_memory.Write(pa + LogRingHeader.HeaderSize + ((ulong)i * LogRingRecord.Size), _slot) != BindingStatus.Success)
            {
                return false;
            }
        }

        if (_memory.Write(pa, _header) != BindingStatus.Success)
        {
            return false;
        }

        _basePa = pa;
        _slots = slots;
        _next = 0;
        return true;
    }

    /// <summary>Appends one record (text truncated to <see cref="LogRingRecord.MaxText"/> bytes).</summary>
    public void Write(LogLevel level, ReadOnlySpan<byte> text)
    {
        if (_slots == 0)
        {
            _dropped++;
            return;
        }

        ulong seq = _next;
        LogRingRecord.WriteSlot(_slot, seq, level, text);
        ulong slotPa = _basePa + LogRingHeader.HeaderSize + ((seq % _slots) * LogRingRecord.Size);
        if (_memory.Write(slotPa, _slot) != BindingStatus.Success)
        {
            _failed++;
            return;
        }

        _next = seq + 1;
        // NextSequence sits at header offset 16; rewrite the header so a reader sees the record only once it is complete.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(new Span<byte>(_header, 16, 8), _next);
        if (_memory.Write(_basePa, _header) != BindingStatus.Success)
        {
            _failed++;
        }
    }
}
