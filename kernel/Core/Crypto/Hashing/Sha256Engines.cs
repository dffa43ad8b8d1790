namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// Which <see cref="ISha256BlockEngine"/> <see cref="Sha256"/> uses: the portable C# one unless
/// the platform installed an accelerated engine at start-up (the image after CPUID reports the
/// SHA extensions; hosted programs through their native helper). Install before other threads
/// hash: the choice is meant to be made once.
/// </summary>
public static class Sha256Engines
{
    private static ISha256BlockEngine? s_portable;
    private static ISha256BlockEngine? s_active;

    /// <summary>The portable C# engine (always available).</summary>
    public static ISha256BlockEngine Portable => s_portable ??= new Sha256PortableEngine();

    /// <summary>The engine new hashers use.</summary>
    public static ISha256BlockEngine Active => s_active ?? Portable;

    /// <summary>Makes <paramref name="engine"/> the one new hashers use (null: back to portable).</summary>
    public static void Install(ISha256BlockEngine? engine) => s_active = engine;
}
