using Lvbs.Runtime;

namespace Lvbs.Kernel.Image;

/// <summary>The image's entry point, called by the boot stub after the runtime is initialised.</summary>
internal static class Program
{
    private static int Main()
    {
        Console.WriteLine("Lvbs.SecureKernel hello");
        return 0x10;
    }
}
