using Lvbs.Kernel.Crypto.Hashing;

namespace Lvbs.Native;

/// <summary>
/// What hosted programs (the CLI, benchmarks) call once at start-up so that the kernel code they
/// run hashes the way the image does on the same CPU: installs <see cref="NativeSha256Engine"/>
/// as <see cref="Sha256Engines.Active"/> when it is available and passes its self-test.
/// </summary>
public static class HostedAcceleration
{
    private static bool s_done;
    private static string s_sha256Note = "";

    /// <summary>Installs the accelerated engines available here (idempotent).</summary>
    public static void Install()
    {
        if (s_done)
        {
            return;
        }
        s_done = true;
        NativeSha256Engine? engine = NativeSha256Engine.TryCreate(out string reason);
        if (engine is not null && !Sha256Engines.TryInstall(engine))
        {
            reason = "SHA-NI failed its known-answer self-test";
        }
        s_sha256Note = reason;
    }

    /// <summary>The active SHA-256 engine, and why it is not the accelerated one when it is not.</summary>
    public static string Sha256Description =>
        s_sha256Note.Length == 0 ? Sha256Engines.Active.Name : Sha256Engines.Active.Name + " (" + s_sha256Note + ")";
}
