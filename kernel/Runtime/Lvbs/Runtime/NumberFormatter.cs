namespace Lvbs.Runtime;

/// <summary>Integer to text without allocation (for the console) and with (for ToString).</summary>
internal static unsafe class NumberFormatter
{
    internal static int FormatDecimal(ulong value, char* buffer)
    {
        char* temp = stackalloc char[20];
        int length = 0;
        do
        {
            temp[length++] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
        while (value != 0);
        for (int i = 0; i < length; i++)
        {
            buffer[i] = temp[length - 1 - i];
        }
        return length;
    }

    internal static int FormatHex(ulong value, int minimumDigits, char* buffer)
    {
        int digits = 1;
        while (digits < 16 && (value >> (digits * 4)) != 0)
        {
            digits++;
        }
        if (digits < minimumDigits)
        {
            digits = minimumDigits > 16 ? 16 : minimumDigits;
        }
        for (int i = 0; i < digits; i++)
        {
            int nibble = (int)((value >> ((digits - 1 - i) * 4)) & 0xF);
            buffer[i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }
        return digits;
    }
}
