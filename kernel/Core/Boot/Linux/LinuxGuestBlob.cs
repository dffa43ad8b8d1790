using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Boot.Linux;

/// <summary>Where the parts of a Linux guest blob are (offsets from the blob's start).</summary>
public struct LinuxGuestBlobLayout
{
    public uint KernelOffset;
    public uint KernelSize;
    public uint InitrdOffset;
    public uint InitrdSize;
    public uint CommandLineOffset;
    public uint CommandLineSize;
}

/// <summary>Why a blob was rejected.</summary>
public enum LinuxGuestBlobStatus
{
    Ok = 0,
    TooShort,
    BadMagic,
    BadHeaderSize,
    PartOutOfBounds,
    PartUnaligned,
    EmptyKernel,
    CommandLineNotTerminated,
}

/// <summary>
/// The Linux guest blob the host tools write (tools/Lvbs.ImageHarness/Linux) and the image
/// receives as PVH module 0: "LVBSLNX1", then little-endian u32 header size (4096), kernel
/// offset/size, initrd offset/size, command-line offset/size (NUL included); each part
/// 4096-aligned. Parsing checks every offset against the blob's real size.
/// </summary>
public static class LinuxGuestBlob
{
    public const int HeaderSize = 4096;
    private static ReadOnlySpan<byte> Magic => "LVBSLNX1"u8;

    public static LinuxGuestBlobStatus TryParse(ReadOnlySpan<byte> header, ulong blobSize, out LinuxGuestBlobLayout layout)
    {
        layout = default;
        if (header.Length < 36 || blobSize < HeaderSize)
        {
            return LinuxGuestBlobStatus.TooShort;
        }
        if (!header.Slice(0, 8).SequenceEqual(Magic))
        {
            return LinuxGuestBlobStatus.BadMagic;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(8)) != HeaderSize)
        {
            return LinuxGuestBlobStatus.BadHeaderSize;
        }
        LinuxGuestBlobLayout l;
        l.KernelOffset = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(12));
        l.KernelSize = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(16));
        l.InitrdOffset = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(20));
        l.InitrdSize = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(24));
        l.CommandLineOffset = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(28));
        l.CommandLineSize = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(32));
        if (l.KernelSize == 0)
        {
            return LinuxGuestBlobStatus.EmptyKernel;
        }
        if (!Fits(l.KernelOffset, l.KernelSize, blobSize) || !Fits(l.InitrdOffset, l.InitrdSize, blobSize) ||
            !Fits(l.CommandLineOffset, l.CommandLineSize, blobSize))
        {
            return LinuxGuestBlobStatus.PartOutOfBounds;
        }
        if (((l.KernelOffset | l.InitrdOffset | l.CommandLineOffset) & (HeaderSize - 1)) != 0)
        {
            return LinuxGuestBlobStatus.PartUnaligned;
        }
        if (l.CommandLineSize == 0)
        {
            return LinuxGuestBlobStatus.CommandLineNotTerminated;
        }
        layout = l;
        return LinuxGuestBlobStatus.Ok;
    }

    private static bool Fits(uint offset, uint size, ulong blobSize) =>
        offset >= HeaderSize && (ulong)offset + size <= blobSize;
}
