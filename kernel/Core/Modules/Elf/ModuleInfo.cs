using System;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Modules.Elf;

/// <summary>
/// Reads a module's <c>.modinfo</c> section: <c>tag=value</c> strings, each NUL-terminated,
/// possibly separated by extra NUL padding (modpost's <c>MODULE_INFO</c> entries). Follows Linux's
/// <c>get_modinfo</c> / <c>get_next_modinfo</c> and <c>module_next_tag_pair</c> (kernel/module/main.c):
/// strings are walked from the start of the section, empty strings (padding) are skipped, and
/// the first string that begins with the tag followed by <c>=</c> gives the value. Linux only
/// bounds the walk by the section size; VTL1 is stricter so that no string can run off the
/// section: a non-empty section must end with a NUL, and it may be at most
/// <see cref="MaxSectionSize"/> bytes. A malformed section is ENOEXEC; nothing is kept.
/// </summary>
public static class ModuleInfo
{
    /// <summary>
    /// Largest <c>.modinfo</c> accepted. Real modules carry a few KiB (the largest Debian
    /// drivers, with thousands of <c>alias=</c> entries, stay well under this).
    /// </summary>
    public const int MaxSectionSize = 1024 * 1024;

    /// <summary>The <c>.modinfo</c> section name.</summary>
    public static ReadOnlySpan<byte> SectionName => ".modinfo"u8;

    /// <summary>
    /// Checks <paramref name="section"/> (empty, or NUL-terminated and at most
    /// <see cref="MaxSectionSize"/> bytes). 0 or ENOEXEC.
    /// </summary>
    public static int Check(ReadOnlySpan<byte> section)
    {
        if (section.Length > MaxSectionSize)
        {
            return (int)LinuxErrno.ENOEXEC;
        }

        if (section.Length != 0 && section[section.Length - 1] != 0)
        {
            return (int)LinuxErrno.ENOEXEC;
        }

        return 0;
    }

    /// <summary>
    /// Finds the first <c><paramref name="tag"/>=value</c> entry (get_modinfo). Returns 0 with
    /// <paramref name="found"/> telling whether the tag is present and <paramref name="value"/>
    /// the bytes after <c>=</c> (no NUL, may be empty); ENOEXEC when the section is malformed
    /// (<see cref="Check"/>) or <paramref name="tag"/> is empty or contains <c>=</c> or NUL,
    /// with <paramref name="found"/> false and <paramref name="value"/> empty.
    /// </summary>
    public static int Find(ReadOnlySpan<byte> section, ReadOnlySpan<byte> tag, out bool found, out ReadOnlySpan<byte> value)
    {
        found = false;
        value = ReadOnlySpan<byte>.Empty;
        int status = Check(section);
        if (status != 0)
        {
            return status;
        }

        if (!IsValidTag(tag))
        {
            return (int)LinuxErrno.ENOEXEC;
        }

        int at = 0;
        while (at < section.Length)
        {
            // Check guarantees a NUL at the end, so every string is terminated inside the section.
            int length = section.Slice(at).IndexOf((byte)0);
            ReadOnlySpan<byte> entry = section.Slice(at, length);
            if (entry.Length > tag.Length && entry[tag.Length] == (byte)'=' && entry.Slice(0, tag.Length).SequenceEqual(tag))
            {
                found = true;
                value = entry.Slice(tag.Length + 1);
                return 0;
            }

            at += length + 1;
        }

        return 0;
    }

    private static bool IsValidTag(ReadOnlySpan<byte> tag)
    {
        if (tag.IsEmpty)
        {
            return false;
        }

        for (int i = 0; i < tag.Length; i++)
        {
            if (tag[i] == 0 || tag[i] == (byte)'=')
            {
                return false;
            }
        }

        return true;
    }
}
