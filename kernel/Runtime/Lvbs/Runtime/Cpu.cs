using System.Runtime;
using System.Runtime.CompilerServices;

namespace Lvbs.Runtime;

/// <summary>
/// Processor identification (CPUID; Intel SDM Vol. 2A, AMD APM Vol. 3, "CPUID") and the
/// extended-state register XCR0 the boot stub programs.
/// </summary>
public static unsafe class Cpu
{
    /// <summary>EAX, EBX, ECX, EDX of one CPUID leaf.</summary>
    public struct CpuidResult
    {
        public uint Eax;
        public uint Ebx;
        public uint Ecx;
        public uint Edx;
    }

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_cpuid")]
    private static extern void CpuidRaw(uint leaf, uint subleaf, CpuidResult* result);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_xgetbv0")]
    private static extern ulong ReadXcr0Raw();

    public static CpuidResult Cpuid(uint leaf, uint subleaf = 0)
    {
        CpuidResult result;
        CpuidRaw(leaf, subleaf, &result);
        return result;
    }

    private static bool MaxLeafAtLeast(uint leaf) =>
        leaf >= 0x80000000 ? Cpuid(0x80000000).Eax >= leaf : Cpuid(0).Eax >= leaf;

    private static bool Leaf1Ecx(int bit) => (Cpuid(1).Ecx & (1u << bit)) != 0;

    private static bool Leaf7Ebx(int bit) => MaxLeafAtLeast(7) && (Cpuid(7, 0).Ebx & (1u << bit)) != 0;

    public static bool HasPclmulqdq => Leaf1Ecx(1);
    public static bool HasSsse3 => Leaf1Ecx(9);
    public static bool HasSse41 => Leaf1Ecx(19);
    public static bool HasAesNi => Leaf1Ecx(25);
    public static bool HasXsave => Leaf1Ecx(26);
    public static bool HasAvx => Leaf1Ecx(28);
    public static bool HasRdrand => Leaf1Ecx(30);
    public static bool HasBmi2 => Leaf7Ebx(8);
    public static bool HasRdseed => Leaf7Ebx(18);
    public static bool HasAdx => Leaf7Ebx(19);
    public static bool HasShaNi => Leaf7Ebx(29);
    public static bool HasSvm => MaxLeafAtLeast(0x80000001) && (Cpuid(0x80000001).Ecx & (1u << 2)) != 0;

    /// <summary>The time-stamp counter (under QEMU TCG: the host's TSC).</summary>
    public static ulong ReadTimeStampCounter() => Native.ReadTimeStampCounter();

    /// <summary>XCR0 (which state components XSAVE manages); only valid when <see cref="HasXsave"/>.</summary>
    public static ulong ReadXcr0() => ReadXcr0Raw();

    /// <summary>The 12-character vendor id, e.g. "AuthenticAMD".</summary>
    public static string Vendor()
    {
        CpuidResult leaf0 = Cpuid(0);
        char* text = stackalloc char[12];
        uint* registers = stackalloc uint[3];
        registers[0] = leaf0.Ebx;
        registers[1] = leaf0.Edx;
        registers[2] = leaf0.Ecx;
        for (int i = 0; i < 12; i++)
        {
            byte c = (byte)(registers[i / 4] >> (8 * (i % 4)));
            text[i] = c >= 0x20 && c < 0x7F ? (char)c : '?';
        }
        return new string(new System.ReadOnlySpan<char>(text, 12));
    }

    /// <summary>
    /// Stops with a clear message when the CPU lacks what the image was compiled for (see
    /// KernelInstructionSet in kernel/Image): x86-64-v2 (SSE3, SSSE3, SSE4.1/4.2, POPCNT,
    /// CMPXCHG16B), AES-NI and PCLMULQDQ.
    /// </summary>
    internal static void RequireBaseline()
    {
        CpuidResult leaf1 = Cpuid(1);
        bool v2 = (leaf1.Ecx & ((1u << 0) | (1u << 9) | (1u << 13) | (1u << 19) | (1u << 20) | (1u << 23))) == ((1u << 0) | (1u << 9) | (1u << 13) | (1u << 19) | (1u << 20) | (1u << 23));
        if (!v2 || !HasAesNi || !HasPclmulqdq)
        {
            Panic.Stop("this CPU lacks the image's baseline (x86-64-v2, AES-NI, PCLMULQDQ)");
        }
    }
}
