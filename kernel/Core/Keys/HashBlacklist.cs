using System;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Keys;

/// <summary>
/// The blacklisted hashes (Linux certs/blacklist.c, CONFIG_SYSTEM_BLACKLIST_HASH_LIST): a
/// bounded set of <c>tbs:</c>/<c>bin:</c> digests. Entries are vetted exactly like
/// <c>blacklist_vet_description()</c> (lowercase even hex, 2..128 digits; uppercase or
/// non-hex → EINVAL, over 128 digits → ENOPKG), and every Add is all-or-nothing.
/// </summary>
public sealed class HashBlacklist
{
    /// <summary>Entries the LVBS wire form carries at most (HEKI_MAX_TOTAL_HASHES).</summary>
    public const int MaxEntries = 100;

    /// <summary>Longest entry without its NUL: "tbs:" + 128 hex digits (HEKI_MAX_TOTAL_HASH_LEN - 1).</summary>
    public const int MaxEntryLength = 132;

    private const int MaxDigestBytes = 64;

    private readonly byte[] _digests = new byte[MaxEntries * MaxDigestBytes];
    private readonly byte[] _lengths = new byte[MaxEntries];
    private readonly byte[] _kinds = new byte[MaxEntries];
    private int _count;

    /// <summary>Number of entries held.</summary>
    public int Count => _count;

    /// <summary>True when a digest of that kind is blacklisted.</summary>
    public bool Contains(BlacklistKind kind, ReadOnlySpan<byte> digest)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_kinds[i] == (byte)kind && _lengths[i] == digest.Length
                && digest.SequenceEqual(new ReadOnlySpan<byte>(_digests, i * MaxDigestBytes, _lengths[i])))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Checks one entry as <c>blacklist_vet_description()</c> does: 0, EINVAL (prefix other
    /// than "tbs:"/"bin:", non-hex or uppercase digit, empty or odd count) or ENOPKG (more than
    /// 128 digits).
    /// </summary>
    public static int Vet(ReadOnlySpan<byte> entry)
    {
        if (entry.Length < 4 || entry[3] != (byte)':' || ParseKind(entry) == 0)
        {
            return (int)LinuxErrno.EINVAL;
        }
        ReadOnlySpan<byte> hex = entry.Slice(4);
        for (int i = 0; i < hex.Length; i++)
        {
            if (HexValue(hex[i]) < 0)
            {
                return (int)LinuxErrno.EINVAL;
            }
        }
        if (hex.Length == 0 || (hex.Length & 1) != 0)
        {
            return (int)LinuxErrno.EINVAL;
        }
        if (hex.Length > 2 * MaxDigestBytes)
        {
            return (int)LinuxErrno.ENOPKG;
        }
        return 0;
    }

    /// <summary>
    /// Adds the LVBS wire form: entries separated (and possibly followed) by NUL bytes, at most
    /// <see cref="MaxEntries"/> × (<see cref="MaxEntryLength"/> + 1) bytes in total. 0, a vet
    /// errno, or ERANGE when the list or the set would exceed its bound.
    /// </summary>
    public int AddWireList(ReadOnlySpan<byte> text)
    {
        if (text.Length > MaxEntries * (MaxEntryLength + 1))
        {
            return (int)LinuxErrno.ERANGE;
        }
        int start = _count;
        int pos = 0;
        while (pos < text.Length)
        {
            int end = pos;
            while (end < text.Length && text[end] != 0)
            {
                end++;
            }
            if (end > pos)
            {
                int status = Append(text.Slice(pos, end - pos));
                if (status != 0)
                {
                    _count = start;
                    return status;
                }
            }
            pos = end + 1;
        }
        return 0;
    }

    /// <summary>
    /// Adds the Kconfig file form of CONFIG_SYSTEM_BLACKLIST_HASH_LIST: C string literals
    /// separated by commas and white space (<c>"tbs:…", "bin:…"</c>; a trailing comma is
    /// allowed). EINVAL for anything else (escapes are never valid in an entry).
    /// </summary>
    public int AddKconfigList(ReadOnlySpan<byte> text)
    {
        int start = _count;
        int pos = 0;
        bool needSeparator = false;
        while (pos < text.Length)
        {
            byte b = text[pos];
            if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r')
            {
                pos++;
                continue;
            }
            if (b == (byte)',' && needSeparator)
            {
                needSeparator = false;
                pos++;
                continue;
            }
            if (b != (byte)'"' || needSeparator)
            {
                _count = start;
                return (int)LinuxErrno.EINVAL;
            }
            int end = pos + 1;
            while (end < text.Length && text[end] != (byte)'"' && text[end] != (byte)'\\' && text[end] != (byte)'\n')
            {
                end++;
            }
            if (end >= text.Length || text[end] != (byte)'"')
            {
                _count = start;
                return (int)LinuxErrno.EINVAL;
            }
            int status = Append(text.Slice(pos + 1, end - pos - 1));
            if (status != 0)
            {
                _count = start;
                return status;
            }
            needSeparator = true;
            pos = end + 1;
        }
        return 0;
    }

    private int Append(ReadOnlySpan<byte> entry)
    {
        if (entry.Length > MaxEntryLength)
        {
            return Vet(entry) == (int)LinuxErrno.EINVAL ? (int)LinuxErrno.EINVAL : (int)LinuxErrno.ENOPKG;
        }
        int vet = Vet(entry);
        if (vet != 0)
        {
            return vet;
        }
        if (_count >= MaxEntries)
        {
            return (int)LinuxErrno.ERANGE;
        }
        int n = (entry.Length - 4) / 2;
        Span<byte> slot = new Span<byte>(_digests, _count * MaxDigestBytes, MaxDigestBytes);
        for (int i = 0; i < n; i++)
        {
            slot[i] = (byte)((HexValue(entry[4 + (2 * i)]) << 4) | HexValue(entry[5 + (2 * i)]));
        }
        _lengths[_count] = (byte)n;
        _kinds[_count] = (byte)ParseKind(entry);
        _count++;
        return 0;
    }

    private static BlacklistKind ParseKind(ReadOnlySpan<byte> entry)
    {
        if (entry[0] == (byte)'t' && entry[1] == (byte)'b' && entry[2] == (byte)'s')
        {
            return BlacklistKind.Tbs;
        }
        if (entry[0] == (byte)'b' && entry[1] == (byte)'i' && entry[2] == (byte)'n')
        {
            return BlacklistKind.Bin;
        }
        return 0;
    }

    /// <summary>Lowercase hex digit value, or -1 (uppercase is rejected: isupper() in the vet).</summary>
    private static int HexValue(byte c)
    {
        if (c >= (byte)'0' && c <= (byte)'9')
        {
            return c - '0';
        }
        if (c >= (byte)'a' && c <= (byte)'f')
        {
            return c - 'a' + 10;
        }
        return -1;
    }
}
