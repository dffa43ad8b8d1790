using System;
using System.Buffers.Binary;

namespace Lvbs.ImageHarness.Linux;

/// <summary>
/// Tells whether an ELF64 executable is statically linked, i.e. has no PT_INTERP program
/// header. The initramfs has no dynamic loader or libc, so a dynamically linked busybox (the
/// Debian "busybox" package rather than "busybox-static") would make /init fail to exec and
/// the guest kernel panic with "No working init found".
/// </summary>
public static class StaticExecutable
{
    private const uint PtInterp = 3;

    /// <summary>
    /// Returns null when <paramref name="elf"/> is a static x86-64 ELF64 executable, otherwise
    /// the reason it is not.
    /// </summary>
    public static string? WhyNotStatic(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            return "not an ELF file";
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            return "not a little-endian ELF64 file";
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(elf[18..]) != 62)
        {
            return "not an x86-64 executable";
        }

        var phoff = BinaryPrimitives.ReadUInt64LittleEndian(elf[32..]);
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[54..]);
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[56..]);
        if (phnum == 0)
        {
            return "no program headers (not an executable)";
        }

        if (phentsize < 56 || phoff > (ulong)elf.Length || (ulong)phentsize * phnum > (ulong)elf.Length - phoff)
        {
            return "program header table outside the file";
        }

        for (var i = 0; i < phnum; i++)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(elf[(int)(phoff + (ulong)(i * phentsize))..]);
            if (type == PtInterp)
            {
                return "dynamically linked (it has a PT_INTERP program header)";
            }
        }

        return null;
    }
}
