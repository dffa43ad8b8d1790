using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Modules.Signature;

namespace Lvbs.Cli.Commands;

/// <summary>
/// <c>lvbs module verify</c>: checks Linux module signatures with the secure kernel's own code
/// (Lvbs.Kernel.Keys and Lvbs.Kernel.Modules.Signature, not host crypto), printing one line per
/// module with the errno Linux 6.1 (Debian) would give. Exits 0 only if every module is valid.
/// </summary>
public static class ModuleCommand
{
    /// <summary>Creates the <c>module</c> group.</summary>
    public static Command Create()
    {
        var command = new Command("module", "Check Linux kernel modules with the kernel's own verifier.");
        command.Subcommands.Add(CreateVerify());
        return command;
    }

    private static Command CreateVerify()
    {
        var certs = new Option<string[]>("--cert") { Description = "A trusted certificate file (DER or PEM; repeatable).", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false, Required = true };
        var blacklist = new Option<string?>("--blacklist") { Description = "A CONFIG_SYSTEM_BLACKLIST_HASH_LIST file: \"tbs:<hex>\", \"bin:<hex>\"." };
        var revoked = new Option<string[]>("--revoked") { Description = "A revocation certificate file (DER or PEM; repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var modules = new Argument<string[]>("modules") { Description = "Signed .ko files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("verify", "Verify appended module signatures (module_sig_check/mod_verify_sig semantics).")
        {
            certs, blacklist, revoked, modules,
        };
        command.SetAction(parse => Verify(
            parse.GetValue(certs) ?? Array.Empty<string>(),
            parse.GetValue(blacklist),
            parse.GetValue(revoked) ?? Array.Empty<string>(),
            parse.GetValue(modules) ?? Array.Empty<string>(),
            Console.Out,
            Console.Error));
        return command;
    }

    /// <summary>Runs the verification; returns the process exit code.</summary>
    public static int Verify(IReadOnlyList<string> certFiles, string? blacklistFile, IReadOnlyList<string> revokedFiles,
        IReadOnlyList<string> modules, TextWriter output, TextWriter error)
    {
        const int MaxKeys = 256;
        var keys = new TrustedKeyring(MaxKeys);
        foreach (string file in certFiles)
        {
            if (!TryLoad(file, error, out byte[] der) || !Check(keys.AddSystemCertificates(der), "certificate " + file, error))
            {
                return CliExitCodes.Error;
            }
        }
        foreach (string file in revokedFiles)
        {
            if (!TryLoad(file, error, out byte[] der) || !Check(keys.AddRevocationCertificates(der), "revocation certificate " + file, error))
            {
                return CliExitCodes.Error;
            }
        }
        if (blacklistFile is not null)
        {
            if (!File.Exists(blacklistFile))
            {
                error.WriteLine("lvbs module verify: " + blacklistFile + ": not found");
                return CliExitCodes.Error;
            }
            if (!Check(keys.AddBlacklistHashList(File.ReadAllBytes(blacklistFile)), "blacklist " + blacklistFile, error))
            {
                return CliExitCodes.Error;
            }
        }

        bool allValid = true;
        foreach (string module in modules)
        {
            if (!File.Exists(module))
            {
                output.WriteLine(module + ": cannot read file");
                allValid = false;
                continue;
            }
            int status = ModuleSignatureVerifier.Verify(File.ReadAllBytes(module), keys, out _);
            if (status == 0)
            {
                output.WriteLine(module + ": valid");
            }
            else
            {
                output.WriteLine(module + ": " + Reason(status) + " (-" + ErrnoName(status) + ")");
                allValid = false;
            }
        }
        return allValid ? CliExitCodes.Ok : CliExitCodes.Error;
    }

    /// <summary>What an errno from ModuleSignatureVerifier means for a module.</summary>
    public static string Reason(int errno) => (LinuxErrno)errno switch
    {
        LinuxErrno.ENODATA => "unsigned module",
        LinuxErrno.EBADMSG => "malformed signature",
        LinuxErrno.ENOPKG => "unsupported signature type or algorithm",
        LinuxErrno.EINVAL => "unsupported PKCS#7 content or version",
        LinuxErrno.ENOKEY => "not signed by a trusted key",
        LinuxErrno.EKEYREJECTED => "signature rejected (bad signature, signed attributes, revoked key or blacklisted hash)",
        _ => "refused",
    };

    private static string ErrnoName(int errno) => Enum.GetName((LinuxErrno)errno) ?? ("E" + errno.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static bool Check(int status, string what, TextWriter error)
    {
        if (status == 0)
        {
            return true;
        }
        error.WriteLine("lvbs module verify: " + what + ": " + Reason(status) + " (-" + ErrnoName(status) + ")");
        return false;
    }

    /// <summary>Reads a certificate file: DER as is, or every PEM CERTIFICATE block concatenated.</summary>
    private static bool TryLoad(string file, TextWriter error, out byte[] der)
    {
        der = Array.Empty<byte>();
        if (!File.Exists(file))
        {
            error.WriteLine("lvbs module verify: " + file + ": not found");
            return false;
        }
        byte[] raw = File.ReadAllBytes(file);
        string text = Encoding.ASCII.GetString(raw);
        const string Begin = "-----BEGIN CERTIFICATE-----";
        const string End = "-----END CERTIFICATE-----";
        if (!text.Contains(Begin, StringComparison.Ordinal))
        {
            der = raw;
            return true;
        }
        var all = new List<byte>();
        int at = 0;
        while ((at = text.IndexOf(Begin, at, StringComparison.Ordinal)) >= 0)
        {
            int start = at + Begin.Length;
            int end = text.IndexOf(End, start, StringComparison.Ordinal);
            if (end < 0)
            {
                error.WriteLine("lvbs module verify: " + file + ": unterminated PEM block");
                return false;
            }
            try
            {
                all.AddRange(Convert.FromBase64String(text.Substring(start, end - start)));
            }
            catch (FormatException)
            {
                error.WriteLine("lvbs module verify: " + file + ": bad base64 in PEM block");
                return false;
            }
            at = end + End.Length;
        }
        der = all.ToArray();
        return true;
    }
}
