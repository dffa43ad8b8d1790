namespace Lvbs.Runtime;

/// <summary>
/// The kernel console: COM1 (16550 UART at 0x3F8), polled. Text is written as ASCII; anything
/// else prints as '?'.
/// </summary>
public static unsafe class Console
{
    private const ushort Com1 = 0x3F8;
    private static bool s_initialized;

    private static void Initialize()
    {
        Native.OutByte(Com1 + 1, 0x00); // no interrupts
        Native.OutByte(Com1 + 3, 0x80); // DLAB on
        Native.OutByte(Com1 + 0, 0x01); // 115200 baud
        Native.OutByte(Com1 + 1, 0x00);
        Native.OutByte(Com1 + 3, 0x03); // 8N1, DLAB off
        Native.OutByte(Com1 + 2, 0xC7); // FIFO on, cleared
        Native.OutByte(Com1 + 4, 0x03); // DTR, RTS
        s_initialized = true;
    }

    public static void WriteByte(byte value)
    {
        if (!s_initialized)
        {
            Initialize();
        }
        // Wait for the transmit holding register; bounded so a missing UART cannot hang the kernel.
        for (int spin = 0; spin < 100000 && (Native.InByte(Com1 + 5) & 0x20) == 0; spin++)
        {
        }
        Native.OutByte(Com1, value);
    }

    public static void Write(char c)
    {
        if (c == '\n')
        {
            WriteByte((byte)'\r');
        }
        WriteByte(c < 0x80 ? (byte)c : (byte)'?');
    }

    public static void Write(string? text)
    {
        if (text is null)
        {
            return;
        }
        for (int i = 0; i < text.Length; i++)
        {
            Write(text[i]);
        }
    }

    public static void Write(System.ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            Write(text[i]);
        }
    }

    public static void WriteLine(string? text)
    {
        Write(text);
        Write('\n');
    }

    public static void WriteLine() => Write('\n');

    public static void WriteDecimal(ulong value)
    {
        char* buffer = stackalloc char[20];
        int length = NumberFormatter.FormatDecimal(value, buffer);
        for (int i = 0; i < length; i++)
        {
            Write(buffer[i]);
        }
    }

    public static void WriteHex(ulong value, int minimumDigits = 1)
    {
        Write("0x");
        char* buffer = stackalloc char[16];
        int length = NumberFormatter.FormatHex(value, minimumDigits, buffer);
        for (int i = 0; i < length; i++)
        {
            Write(buffer[i]);
        }
    }
}
