using System;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// A fixed-size ring of the most recent <see cref="RefusalRecord"/>s. The array is allocated
/// once; recording copies a struct into it and never allocates, so a VTL0 flood of refused
/// writes costs no memory. Older records are overwritten; <see cref="Total"/> keeps counting.
/// </summary>
public sealed class RefusalLog
{
    private readonly RefusalRecord[] _ring;
    private ulong _total;

    /// <summary>Creates a ring holding <paramref name="capacity"/> records.</summary>
    public RefusalLog(int capacity)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }

        _ring = new RefusalRecord[capacity];
    }

    /// <summary>Records held at most.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Refusals since boot, including those overwritten.</summary>
    public ulong Total => _total;

    /// <summary>Records currently held.</summary>
    public int Count => _total < (ulong)_ring.Length ? (int)_total : _ring.Length;

    /// <summary>Appends <paramref name="record"/>, stamping its <see cref="RefusalRecord.Sequence"/>.</summary>
    public void Record(in RefusalRecord record)
    {
        int slot = (int)(_total % (ulong)_ring.Length);
        _ring[slot] = record;
        _ring[slot].Sequence = _total;
        _total++;
    }

    /// <summary>The <paramref name="index"/>-th held record, 0 = oldest held; false when out of range.</summary>
    public bool TryGet(int index, out RefusalRecord record)
    {
        record = default;
        if (index < 0 || index >= Count)
        {
            return false;
        }

        ulong sequence = _total - (ulong)Count + (ulong)index;
        record = _ring[(int)(sequence % (ulong)_ring.Length)];
        return true;
    }

    /// <summary>The most recent record; false when none.</summary>
    public bool TryGetLatest(out RefusalRecord record) => TryGet(Count - 1, out record);
}
