using System;

namespace Lvbs.Kernel.Heki.PlatformKeys;

/// <summary>
/// The 32-byte platform root key (PRK_LEN; lvbs-abi.md §1.2 SET_PLATFORM_ROOT_KEY, LiteBox
/// PR #772), held only in VTL1 memory and set once.
/// </summary>
public sealed class PlatformRootKey
{
    /// <summary>PRK_LEN.</summary>
    public const int Length = 32;

    private readonly byte[] _key = new byte[Length];

    /// <summary>True once the key was set.</summary>
    public bool IsSet { get; private set; }

    /// <summary>Copies the key into <paramref name="destination"/> (≥ 32 bytes); false when not set or too short.</summary>
    public bool TryCopyTo(Span<byte> destination)
    {
        if (!IsSet || destination.Length < Length)
        {
            return false;
        }

        _key.AsSpan().CopyTo(destination);
        return true;
    }

    /// <summary>Sets the key once; false when already set.</summary>
    internal bool TrySet(ReadOnlySpan<byte> key)
    {
        if (IsSet || key.Length != Length)
        {
            return false;
        }

        key.CopyTo(_key);
        IsSet = true;
        return true;
    }
}
