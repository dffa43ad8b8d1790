using System;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// The SHA-256 compression function (FIPS 180-4 §6.2.2) applied to a run of whole blocks: the
/// seam through which a platform supplies an accelerated implementation (the x86 SHA
/// extensions) while <see cref="Sha256"/> keeps the padding, buffering and length. Engines are
/// stateless and shared; <see cref="Sha256Engines"/> holds the one in use.
/// </summary>
public interface ISha256BlockEngine
{
    /// <summary>A short name for reports (e.g. "portable C#", "SHA-NI").</summary>
    string Name { get; }

    /// <summary>
    /// Compresses <paramref name="blocks"/> (a multiple of 64 bytes, possibly empty) into
    /// <paramref name="state"/>. Constant time with respect to the data and the state.
    /// </summary>
    void Compress(ref Sha256State state, ReadOnlySpan<byte> blocks);
}
