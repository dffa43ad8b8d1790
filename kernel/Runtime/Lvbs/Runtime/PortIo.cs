using System.Runtime;
using System.Runtime.CompilerServices;

namespace Lvbs.Runtime;

/// <summary>x86 port I/O for the kernel (e.g. passing through a guest's intercepted port access).</summary>
public static class PortIo
{
    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_outw")]
    private static extern void OutWord(ushort port, ushort value);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_inw")]
    private static extern ushort InWord(ushort port);

    /// <summary>OUT of <paramref name="size"/> bytes (1, 2 or 4) of <paramref name="value"/>.</summary>
    public static void Write(ushort port, byte size, uint value)
    {
        if (size == 1)
        {
            Native.OutByte(port, (byte)value);
        }
        else if (size == 2)
        {
            OutWord(port, (ushort)value);
        }
        else
        {
            Native.OutDword(port, value);
        }
    }

    /// <summary>IN of <paramref name="size"/> bytes (1, 2 or 4).</summary>
    public static uint Read(ushort port, byte size) =>
        size == 1 ? Native.InByte(port) : size == 2 ? InWord(port) : Native.InDword(port);
}
