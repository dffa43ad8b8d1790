using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lvbs.Abi.Heki;

/// <summary>
/// One text patch (24 bytes): <c>pa[2]</c>, <c>size</c> (1..5), <c>code[5]</c>, 2 pad bytes
/// (lvbs-abi.md §1.3 "Other wire structs"; POKE_MAX_OPCODE_SIZE = 5).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HekiPatch
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 24;
    /// <summary>POKE_MAX_OPCODE_SIZE.</summary>
    public const int MaxCodeSize = 5;
    /// <summary>Offset of <see cref="Pa0"/>.</summary>
    public const int Pa0Offset = 0;
    /// <summary>Offset of <see cref="Pa1"/>.</summary>
    public const int Pa1Offset = 8;
    /// <summary>Offset of <see cref="CodeSize"/>.</summary>
    public const int CodeSizeOffset = 16;
    /// <summary>Offset of <see cref="Code"/>.</summary>
    public const int CodeOffset = 17;

    /// <summary>PA of the first patched byte.</summary>
    [FieldOffset(Pa0Offset)] public ulong Pa0;
    /// <summary>PA of the second page when the patch straddles a page, else 0.</summary>
    [FieldOffset(Pa1Offset)] public ulong Pa1;
    /// <summary>Patch length, 1..5.</summary>
    [FieldOffset(CodeSizeOffset)] public byte CodeSize;
    /// <summary>Patch byte 0.</summary>
    [FieldOffset(CodeOffset)] public byte Code0;
    /// <summary>Patch byte 1.</summary>
    [FieldOffset(CodeOffset + 1)] public byte Code1;
    /// <summary>Patch byte 2.</summary>
    [FieldOffset(CodeOffset + 2)] public byte Code2;
    /// <summary>Patch byte 3.</summary>
    [FieldOffset(CodeOffset + 3)] public byte Code3;
    /// <summary>Patch byte 4.</summary>
    [FieldOffset(CodeOffset + 4)] public byte Code4;

    /// <summary>Patch byte <paramref name="index"/> (0..4); individual fields keep the struct free of unsafe fixed buffers.</summary>
    public readonly byte GetCode(int index)
    {
        switch (index)
        {
            case 0: return Code0;
            case 1: return Code1;
            case 2: return Code2;
            case 3: return Code3;
            case 4: return Code4;
            default: throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    /// <summary>
    /// Parses a patch; fails (consuming nothing) when the buffer is short or the size is
    /// outside 1..5.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out HekiPatch patch)
    {
        patch = default;
        if (source.Length < Size)
        {
            return false;
        }

        byte size = source[CodeSizeOffset];
        if (size == 0 || size > MaxCodeSize)
        {
            return false;
        }

        patch.Pa0 = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(Pa0Offset, 8));
        patch.Pa1 = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(Pa1Offset, 8));
        patch.CodeSize = size;
        patch.Code0 = source[CodeOffset];
        patch.Code1 = source[CodeOffset + 1];
        patch.Code2 = source[CodeOffset + 2];
        patch.Code3 = source[CodeOffset + 3];
        patch.Code4 = source[CodeOffset + 4];

        return true;
    }
}
