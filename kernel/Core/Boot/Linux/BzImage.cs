using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Boot.Linux;

/// <summary>What the loader needs from a bzImage's setup header.</summary>
public struct BzImageInfo
{
    /// <summary>Offset of the protected-mode kernel in the file: (setup_sects + 1) * 512.</summary>
    public uint KernelOffset;
    public ushort ProtocolVersion;
    /// <summary>Where the kernel prefers to run (pref_address).</summary>
    public ulong PreferredAddress;
    /// <summary>Bytes of memory the kernel needs from its load address (init_size).</summary>
    public uint InitSize;
    public uint CommandLineMaximum;
    /// <summary>The setup header's length from 0x1F1, for copying it into the zero page.</summary>
    public int SetupHeaderLength;
}

/// <summary>Why a bzImage was rejected.</summary>
public enum BzImageStatus
{
    Ok = 0,
    TooShort,
    NoBootSignature,
    NoHeaderMagic,
    ProtocolTooOld,
    No64BitEntry,
    KernelOutOfBounds,
}

/// <summary>
/// Parses the x86 boot protocol setup header of a bzImage (Linux Documentation/arch/x86/boot.rst,
/// "The real-mode kernel header"): checks the 0xAA55 signature and "HdrS" magic, requires
/// protocol 2.12+ with XLF_KERNEL_64 (the 64-bit entry point the secure kernel uses).
/// </summary>
public static class BzImage
{
    private const int SetupSectsOffset = 0x1F1;
    private const int BootFlagOffset = 0x1FE;
    private const int HeaderMagicOffset = 0x202;
    private const int VersionOffset = 0x206;
    private const int XLoadFlagsOffset = 0x236;
    private const int CommandLineSizeOffset = 0x238;
    private const int PreferredAddressOffset = 0x258;
    private const int InitSizeOffset = 0x260;
    private const uint HdrS = 0x53726448;

    public static BzImageStatus TryParse(ReadOnlySpan<byte> image, out BzImageInfo info)
    {
        info = default;
        if (image.Length < 0x268)
        {
            return BzImageStatus.TooShort;
        }
        if (BinaryPrimitives.ReadUInt16LittleEndian(image.Slice(BootFlagOffset)) != 0xAA55)
        {
            return BzImageStatus.NoBootSignature;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(image.Slice(HeaderMagicOffset)) != HdrS)
        {
            return BzImageStatus.NoHeaderMagic;
        }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(image.Slice(VersionOffset));
        if (version < 0x020C)
        {
            return BzImageStatus.ProtocolTooOld;
        }
        if ((BinaryPrimitives.ReadUInt16LittleEndian(image.Slice(XLoadFlagsOffset)) & 1) == 0)
        {
            return BzImageStatus.No64BitEntry;
        }
        int setupSects = image[SetupSectsOffset] == 0 ? 4 : image[SetupSectsOffset];
        uint kernelOffset = (uint)(setupSects + 1) * 512;
        if (kernelOffset >= image.Length)
        {
            return BzImageStatus.KernelOutOfBounds;
        }
        info.KernelOffset = kernelOffset;
        info.ProtocolVersion = version;
        info.PreferredAddress = BinaryPrimitives.ReadUInt64LittleEndian(image.Slice(PreferredAddressOffset));
        info.InitSize = BinaryPrimitives.ReadUInt32LittleEndian(image.Slice(InitSizeOffset));
        info.CommandLineMaximum = BinaryPrimitives.ReadUInt32LittleEndian(image.Slice(CommandLineSizeOffset));
        // The header runs from 0x1F1 to 0x202 + the byte at 0x201 (boot.rst, "jump" field).
        info.SetupHeaderLength = 0x202 + image[0x201] - SetupSectsOffset;
        return BzImageStatus.Ok;
    }
}
