namespace Internal.Runtime;

/// <summary>Decimal formatting behind the primitives' ToString().</summary>
internal static unsafe class NumberFormatter
{
    internal static string ToDecimalString(long value)
    {
        if (value >= 0)
        {
            return ToDecimalString((ulong)value);
        }
        char* buffer = stackalloc char[21];
        buffer[0] = '-';
        int length = Lvbs.Runtime.NumberFormatter.FormatDecimal(0 - (ulong)value, buffer + 1) + 1;
        return new string(new System.ReadOnlySpan<char>(buffer, length));
    }

    internal static string ToDecimalString(ulong value)
    {
        char* buffer = stackalloc char[20];
        int length = Lvbs.Runtime.NumberFormatter.FormatDecimal(value, buffer);
        return new string(new System.ReadOnlySpan<char>(buffer, length));
    }
}
