namespace Lvbs.Hypervisor.NativeSvm.Backend;

/// <summary>What an intercepted instruction was, decoded from its bytes.</summary>
public struct DecodedInstruction
{
    public DecodedKind Kind;
    /// <summary>Total length in bytes (prefixes included): what to skip when the write is allowed.</summary>
    public byte Length;
    /// <summary>For MOV to CR: the control register number (0, 3, 4, 8).</summary>
    public byte ControlRegister;
    /// <summary>For MOV to CR: the general-purpose register number (0 = RAX ... 15 = R15).</summary>
    public byte SourceRegister;
}

/// <summary>The instructions the backend must understand without decode assists.</summary>
public enum DecodedKind
{
    Unknown = 0,
    MovToControlRegister,
    Wrmsr,
    Lgdt,
    Lidt,
    Lldt,
    Ltr,
}

/// <summary>
/// Decodes the few instructions whose intercepts carry no length when the CPU lacks next-RIP save
/// and decode assists (QEMU TCG offers neither; native-svm-under-qemu.md §5): MOV to CRn
/// (<c>[REX] 0F 22 /r</c>), WRMSR (<c>0F 30</c>), LGDT/LIDT (<c>0F 01 /2, /3</c>) and LLDT/LTR
/// (<c>0F 00 /2, /3</c>), from the bytes at the guest RIP (Intel SDM Vol. 2, chapter 2 encoding).
/// Returns Unknown (length 0) for anything else; the caller then refuses the exit.
/// </summary>
public static class InstructionDecoder
{
    public static DecodedInstruction Decode(System.ReadOnlySpan<byte> bytes)
    {
        DecodedInstruction result = default;
        int i = 0;
        // Legacy prefixes the kernel may emit (operand size, segment overrides) then REX.
        while (i < bytes.Length && i < 4 && IsLegacyPrefix(bytes[i]))
        {
            i++;
        }
        byte rex = 0;
        if (i < bytes.Length && (bytes[i] & 0xF0) == 0x40)
        {
            rex = bytes[i];
            i++;
        }
        if (i + 1 >= bytes.Length || bytes[i] != 0x0F)
        {
            return result;
        }
        byte opcode = bytes[i + 1];
        i += 2;
        switch (opcode)
        {
            case 0x22:
                if (i >= bytes.Length || (bytes[i] >> 6) != 3)
                {
                    return result; // MOV CR always uses a register operand (mod = 11)
                }
                result.Kind = DecodedKind.MovToControlRegister;
                result.ControlRegister = (byte)(((bytes[i] >> 3) & 7) | ((rex & 0x4) << 1));
                result.SourceRegister = (byte)((bytes[i] & 7) | ((rex & 0x1) << 3));
                result.Length = (byte)(i + 1);
                return result;
            case 0x30:
                result.Kind = DecodedKind.Wrmsr;
                result.Length = (byte)i;
                return result;
            case 0x01:
            case 0x00:
                if (i >= bytes.Length)
                {
                    return result;
                }
                int reg = (bytes[i] >> 3) & 7;
                DecodedKind kind = opcode == 0x01
                    ? (reg == 2 ? DecodedKind.Lgdt : reg == 3 ? DecodedKind.Lidt : DecodedKind.Unknown)
                    : (reg == 2 ? DecodedKind.Lldt : reg == 3 ? DecodedKind.Ltr : DecodedKind.Unknown);
                if (kind == DecodedKind.Unknown)
                {
                    return result;
                }
                int modRmLength = ModRmLength(bytes.Slice(i));
                if (modRmLength == 0 || ((kind == DecodedKind.Lgdt || kind == DecodedKind.Lidt) && (bytes[i] >> 6) == 3))
                {
                    return result; // LGDT/LIDT need a memory operand
                }
                result.Kind = kind;
                result.Length = (byte)(i + modRmLength);
                return result;
            default:
                return result;
        }
    }

    private static bool IsLegacyPrefix(byte b) =>
        b == 0x66 || b == 0x67 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x26 || b == 0x64 || b == 0x65;

    // Length of ModRM + SIB + displacement in 64-bit mode (Intel SDM Vol. 2 §2.1.5, tables 2-2/2-3).
    private static int ModRmLength(System.ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return 0;
        }
        byte modRm = bytes[0];
        int mod = modRm >> 6, rm = modRm & 7;
        int length = 1;
        if (mod == 3)
        {
            return length;
        }
        if (rm == 4)
        {
            if (bytes.Length < 2)
            {
                return 0;
            }
            length++;
            if (mod == 0 && (bytes[1] & 7) == 5)
            {
                length += 4; // SIB with no base: disp32
            }
        }
        else if (mod == 0 && rm == 5)
        {
            length += 4; // RIP-relative disp32
        }
        if (mod == 1)
        {
            length += 1;
        }
        else if (mod == 2)
        {
            length += 4;
        }
        return length <= bytes.Length ? length : 0;
    }
}
