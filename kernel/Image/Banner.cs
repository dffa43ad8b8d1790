using Lvbs.Runtime;

namespace Lvbs.Kernel.Image;

/// <summary>The first lines the kernel prints: who it is and what it runs on.</summary>
internal static class Banner
{
    internal static void Print()
    {
        Console.Write("Lvbs.SecureKernel ");
        Console.Write(BuildInfo.Version);
        Console.Write(" (build ");
        Console.Write(BuildInfo.BuildId);
        Console.WriteLine(") - freestanding C# secure kernel");
        Console.Write("  heap ");
        Console.WriteDecimal(Heap.SizeBytes / 1024);
        Console.Write(" KiB, cpu ");
        Console.Write(Cpu.Vendor());
        Console.Write(Cpu.HasSvm ? " svm" : "");
        Console.Write(Cpu.HasAesNi ? " aes" : "");
        Console.Write(Cpu.HasPclmulqdq ? " pclmulqdq" : "");
        Console.Write(Cpu.HasRdrand ? " rdrand" : "");
        Console.Write(Cpu.HasRdseed ? " rdseed" : "");
        Console.Write(Cpu.HasBmi2 ? " bmi2" : "");
        Console.Write(Cpu.HasAdx ? " adx" : "");
        Console.Write(Cpu.HasShaNi ? " sha" : "");
        Console.Write(Cpu.HasXsave ? " xsave" : "");
        Console.Write(Cpu.HasAvx ? " avx" : "");
        Console.Write(", xcr0 ");
        Console.WriteHex(Cpu.HasXsave ? Cpu.ReadXcr0() : 0);
        Console.Write(", command line \"");
        System.ReadOnlySpan<byte> line = BootInfo.CommandLine;
        for (int i = 0; i < line.Length; i++)
        {
            Console.Write((char)line[i]);
        }
        Console.WriteLine("\"");
    }
}
