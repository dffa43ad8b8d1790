using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// SHA-256 (FIPS 180-4 §6.2) as an incremental hasher with inline state. Buffering, padding and
/// length live here; the compression of whole blocks is an <see cref="ISha256BlockEngine"/>
/// (<see cref="Sha256Engines.Active"/> unless one is given), which gets every run of whole
/// blocks in one call. Constant-time with respect to the message contents.
/// </summary>
public struct Sha256 : IHashFunction
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Block size in bytes.</summary>
    public const int BlockSize = 64;

    private Sha256State _state;
    private ISha256BlockEngine? _engine;
    private HashBlock64 _buffer;
    private int _buffered;
    private ulong _length;

    /// <inheritdoc/>
    public readonly int HashSizeInBytes => HashSize;

    /// <inheritdoc/>
    public readonly int BlockSizeInBytes => BlockSize;

    /// <summary>A ready-to-use hasher.</summary>
    public static Sha256 Create()
    {
        Sha256 h = default;
        h.Reset();
        return h;
    }

    /// <summary>A ready-to-use hasher that compresses with <paramref name="engine"/> rather than the active one.</summary>
    public static Sha256 Create(ISha256BlockEngine engine)
    {
        Sha256 h = default;
        h._engine = engine;
        h.Reset();
        return h;
    }

    /// <summary>One-shot SHA-256 of <paramref name="data"/> into <paramref name="destination"/> (≥ 32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Sha256 h = Create();
        h.Append(data);
        h.Finish(destination);
    }

    /// <summary>One-shot SHA-256 with a given <paramref name="engine"/> (tests, benchmarks).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination, ISha256BlockEngine engine)
    {
        Sha256 h = Create(engine);
        h.Append(data);
        h.Finish(destination);
    }

    /// <summary>The engine this hasher compresses with.</summary>
    public readonly ISha256BlockEngine Engine => _engine ?? Sha256Engines.Active;

    /// <inheritdoc/>
    public void Reset()
    {
        _state = Sha256State.Initial;
        _buffered = 0;
        _length = 0;
    }

    /// <inheritdoc/>
    public void Append(ReadOnlySpan<byte> data)
    {
        _length += (ulong)data.Length;
        Span<byte> buffer = HashBlock64.AsSpan(ref _buffer);
        if (_buffered > 0)
        {
            int take = Math.Min(BlockSize - _buffered, data.Length);
            data.Slice(0, take).CopyTo(buffer.Slice(_buffered));
            _buffered += take;
            data = data.Slice(take);
            if (_buffered < BlockSize)
            {
                return;
            }

            Compress(buffer);
            _buffered = 0;
        }

        int whole = data.Length & ~(BlockSize - 1);
        if (whole > 0)
        {
            Compress(data.Slice(0, whole));
            data = data.Slice(whole);
        }

        data.CopyTo(buffer);
        _buffered = data.Length;
    }

    /// <inheritdoc/>
    public void Finish(Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException("destination shorter than the digest", nameof(destination));
        }

        // FIPS 180-4 §5.1.1: 0x80, zeros, 64-bit big-endian bit length.
        Span<byte> buffer = HashBlock64.AsSpan(ref _buffer);
        ulong bits = _length << 3;
        buffer[_buffered++] = 0x80;
        if (_buffered > BlockSize - 8)
        {
            buffer.Slice(_buffered).Clear();
            Compress(buffer);
            _buffered = 0;
        }

        buffer.Slice(_buffered, BlockSize - 8 - _buffered).Clear();
        BinaryPrimitives.WriteUInt64BigEndian(buffer.Slice(BlockSize - 8), bits);
        Compress(buffer);

        BinaryPrimitives.WriteUInt32BigEndian(destination, _state.A);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), _state.B);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8), _state.C);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(12), _state.D);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16), _state.E);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(20), _state.F);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(24), _state.G);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(28), _state.H);
        buffer.Clear();
        Reset();
    }

    /// <inheritdoc/>
    public void Clear()
    {
        HashBlock64.AsSpan(ref _buffer).Clear();
        _state = default;
        _buffered = 0;
        _length = 0;
    }

    // One call per run of whole blocks: an accelerated engine pays its call cost once per run.
    private void Compress(ReadOnlySpan<byte> blocks) => (_engine ?? Sha256Engines.Active).Compress(ref _state, blocks);
}
