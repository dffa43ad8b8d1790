using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Boot.Linux;

/// <summary>One E820 range for the guest (type 1 = RAM, 2 = reserved).</summary>
public struct E820Entry
{
    public ulong Address;
    public ulong Size;
    public uint Type;
}

/// <summary>
/// Builds the zero page (struct boot_params; Linux Documentation/arch/x86/zero-page.rst) that the
/// 64-bit boot protocol passes in RSI: the bzImage's setup header, the loader fields, the
/// initrd and command line, the ACPI RSDP and the E820 map.
/// </summary>
public static class LinuxZeroPage
{
    public const int Size = 4096;
    private const int AcpiRsdpAddress = 0x070;
    private const int ExtRamdiskImage = 0x0C0;
    private const int ExtRamdiskSize = 0x0C4;
    private const int ExtCmdLinePtr = 0x0C8;
    private const int E820Entries = 0x1E8;
    private const int SetupHeader = 0x1F1;
    private const int TypeOfLoader = 0x210;
    private const int LoadFlags = 0x211;
    private const int RamdiskImage = 0x218;
    private const int RamdiskSize = 0x21C;
    private const int CmdLinePtr = 0x228;
    private const int E820Table = 0x2D0;
    public const int MaxE820Entries = 128;

    /// <summary>Fills <paramref name="zeroPage"/>; false (nothing written) on bad arguments.</summary>
    public static bool TryBuild(Span<byte> zeroPage, ReadOnlySpan<byte> bzImage, in BzImageInfo info, ulong initrdAddress, ulong initrdSize,
        ulong commandLineAddress, ulong rsdpAddress, ReadOnlySpan<E820Entry> e820)
    {
        if (zeroPage.Length != Size || e820.Length > MaxE820Entries || info.SetupHeaderLength <= 0 ||
            SetupHeader + info.SetupHeaderLength > E820Table || bzImage.Length < SetupHeader + info.SetupHeaderLength)
        {
            return false;
        }
        zeroPage.Clear();
        bzImage.Slice(SetupHeader, info.SetupHeaderLength).CopyTo(zeroPage.Slice(SetupHeader));
        zeroPage[TypeOfLoader] = 0xFF;                // undefined loader id
        zeroPage[LoadFlags] |= 0x01;                  // LOADED_HIGH: the kernel is above 1 MiB
        BinaryPrimitives.WriteUInt32LittleEndian(zeroPage.Slice(RamdiskImage), (uint)initrdAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(zeroPage.Slice(RamdiskSize), (uint)initrdSize);
        BinaryPrimitives.WriteUInt32LittleEndian(zeroPage.Slice(ExtRamdiskImage), (uint)(initrdAddress >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(zeroPage.Slice(ExtRamdiskSize), (uint)(initrdSize >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(zeroPage.Slice(CmdLinePtr), (uint)commandLineAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(zeroPage.Slice(ExtCmdLinePtr), (uint)(commandLineAddress >> 32));
        BinaryPrimitives.WriteUInt64LittleEndian(zeroPage.Slice(AcpiRsdpAddress), rsdpAddress);
        zeroPage[E820Entries] = (byte)e820.Length;
        for (int i = 0; i < e820.Length; i++)
        {
            Span<byte> entry = zeroPage.Slice(E820Table + i * 20, 20);
            BinaryPrimitives.WriteUInt64LittleEndian(entry, e820[i].Address);
            BinaryPrimitives.WriteUInt64LittleEndian(entry.Slice(8), e820[i].Size);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.Slice(16), e820[i].Type);
        }
        return true;
    }
}
