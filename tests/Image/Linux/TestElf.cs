using System;
using System.Buffers.Binary;

namespace Lvbs.Tests.Image.Linux;

/// <summary>Minimal synthetic ELF64 x86-64 executables: a header and a program header table.</summary>
internal static class TestElf
{
    public const uint PtLoad = 1, PtInterp = 3;

    /// <summary>An executable whose program headers have the given types.</summary>
    public static byte[] WithProgramHeaders(params uint[] types)
    {
        var elf = new byte[64 + (56 * types.Length)];
        elf[0] = 0x7F;
        elf[1] = (byte)'E';
        elf[2] = (byte)'L';
        elf[3] = (byte)'F';
        elf[4] = 2; // ELFCLASS64
        elf[5] = 1; // little-endian
        elf[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(16), 2); // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(18), 62); // EM_X86_64
        BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(32), 64); // e_phoff
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(54), 56); // e_phentsize
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(56), (ushort)types.Length);
        for (var i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(64 + (56 * i)), types[i]);
        }

        return elf;
    }
}
