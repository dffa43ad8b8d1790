using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Heki.Kexec;

/// <summary>
/// The x86 boot-protocol fields of a bzImage that decide what Linux's 64-bit kexec_file loader
/// (arch/x86/kernel/kexec-bzimage64.c) loads as the kernel segment: the protected-mode payload
/// starts after the real-mode part, <c>(setup_sects + 1) * 512</c> bytes (setup_sects 0 means 4,
/// Documentation/arch/x86/boot.rst), its buffer is the rest of the file, its memory size is
/// <c>PAGE_ALIGN(init_size)</c> and its destination is aligned to <c>kernel_alignment</c>.
/// </summary>
public readonly struct BzImageHeader
{
    /// <summary>Offset of setup_sects (u8).</summary>
    public const int SetupSectsOffset = 0x1F1;
    /// <summary>Offset of the "HdrS" magic.</summary>
    public const int MagicOffset = 0x202;
    /// <summary>Offset of the protocol version (u16).</summary>
    public const int VersionOffset = 0x206;
    /// <summary>Offset of loadflags (u8).</summary>
    public const int LoadFlagsOffset = 0x211;
    /// <summary>Offset of kernel_alignment (u32).</summary>
    public const int KernelAlignmentOffset = 0x230;
    /// <summary>Offset of xloadflags (u16).</summary>
    public const int XLoadFlagsOffset = 0x236;
    /// <summary>Offset of init_size (u32).</summary>
    public const int InitSizeOffset = 0x260;
    /// <summary>Bytes of header this parser needs (through init_size).</summary>
    public const int MinLength = InitSizeOffset + 4;
    /// <summary>"HdrS" read little-endian.</summary>
    public const uint Magic = 0x53726448;
    /// <summary>Lowest protocol version bzImage64_probe accepts (2.12).</summary>
    public const ushort MinVersion = 0x020C;
    /// <summary>loadflags LOADED_HIGH.</summary>
    public const byte LoadedHigh = 0x01;
    /// <summary>xloadflags XLF_KERNEL_64.</summary>
    public const ushort XlfKernel64 = 0x01;
    /// <summary>xloadflags XLF_CAN_BE_LOADED_ABOVE_4G.</summary>
    public const ushort XlfAbove4G = 0x02;

    private BzImageHeader(int payloadOffset, ulong payloadLength, ulong memorySize, ulong alignment)
    {
        PayloadOffset = payloadOffset;
        PayloadLength = payloadLength;
        MemorySize = memorySize;
        Alignment = alignment;
    }

    /// <summary>File offset of the protected-mode payload (kern16_size).</summary>
    public int PayloadOffset { get; }

    /// <summary>Payload bytes = the kernel segment's bufsz (file length − kern16_size).</summary>
    public ulong PayloadLength { get; }

    /// <summary>The kernel segment's memsz: init_size rounded up to a page.</summary>
    public ulong MemorySize { get; }

    /// <summary>kernel_alignment (a power of two ≥ 4 KiB), the destination's alignment.</summary>
    public ulong Alignment { get; }

    /// <summary>
    /// Parses <paramref name="file"/> as bzImage64_probe accepts it: "HdrS", protocol ≥ 2.12,
    /// LOADED_HIGH, XLF_KERNEL_64 and XLF_CAN_BE_LOADED_ABOVE_4G, a payload inside the file, a
    /// non-zero init_size not below the payload, and a power-of-two kernel_alignment. Returns 0 or
    /// ENOEXEC (what kexec_file_load answers when no loader recognises the file); writes nothing
    /// on failure.
    /// </summary>
    public static int TryParse(ReadOnlySpan<byte> file, out BzImageHeader header)
    {
        header = default;
        if (file.Length < MinLength || BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(MagicOffset, 4)) != Magic)
        {
            return Enoexec;
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(VersionOffset, 2));
        ushort xflags = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(XLoadFlagsOffset, 2));
        if (version < MinVersion || (file[LoadFlagsOffset] & LoadedHigh) == 0
            || (xflags & XlfKernel64) == 0 || (xflags & XlfAbove4G) == 0)
        {
            return Enoexec;
        }

        int sects = file[SetupSectsOffset] == 0 ? 4 : file[SetupSectsOffset];
        int offset = (sects + 1) * 512;
        uint initSize = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(InitSizeOffset, 4));
        uint align = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(KernelAlignmentOffset, 4));
        ulong payload = (ulong)(file.Length - offset);
        ulong memSize = ((ulong)initSize + 0xFFF) & ~0xFFFUL;
        if (offset >= file.Length || initSize == 0 || memSize < payload || align < 0x1000 || (align & (align - 1)) != 0)
        {
            return Enoexec;
        }

        header = new BzImageHeader(offset, payload, memSize, align);
        return 0;
    }

    private const int Enoexec = (int)Lvbs.Abi.Heki.LinuxErrno.ENOEXEC;
}
