using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Crypto.Rsa;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Kexec.Authenticode;
using Lvbs.Kernel.Kexec.Pe;
using Lvbs.Kernel.Modules.Signature;

namespace Lvbs.Cli.Commands;

/// <summary>
/// <c>lvbs kexec verify</c> and <c>lvbs kexec inspect</c>: Authenticode checks of bzImage/PE
/// kernels with the secure kernel's own code (Lvbs.Kernel.Kexec, not host crypto), with the
/// errno Linux 6.1's kexec_file_load (verify_pefile_signature) would give.
/// </summary>
public static class KexecCommand
{
    /// <summary>Creates the <c>kexec</c> group.</summary>
    public static Command Create()
    {
        var command = new Command("kexec", "Check kexec kernel images (Authenticode) with the kernel's own verifier.");
        command.Subcommands.Add(CreateVerify());
        command.Subcommands.Add(CreateInspect());
        return command;
    }

    private static Command CreateVerify()
    {
        var certs = new Option<string[]>("--cert") { Description = "A trusted certificate file (DER or PEM; repeatable).", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false, Required = true };
        var images = new Argument<string[]>("images") { Description = "bzImage / PE files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("verify", "Verify Authenticode signatures (verify_pefile_signature semantics).") { certs, images };
        command.SetAction(parse => Verify(parse.GetValue(certs) ?? [], parse.GetValue(images) ?? [], Console.Out, Console.Error));
        return command;
    }

    private static Command CreateInspect()
    {
        var image = new Argument<string>("image") { Description = "A bzImage / PE file." };
        var signerOut = new Option<string?>("--save-signer") { Description = "Write the carried signer certificate (DER) to this file." };
        var command = new Command("inspect", "Print the PE layout, the Authenticode digest and the signer.") { image, signerOut };
        command.SetAction(parse => Inspect(parse.GetValue(image)!, Console.Out, Console.Error, parse.GetValue(signerOut)));
        return command;
    }

    /// <summary>Runs the verification; returns the process exit code.</summary>
    public static int Verify(IReadOnlyList<string> certFiles, IReadOnlyList<string> images, TextWriter output, TextWriter error)
    {
        var keys = new TrustedKeyring(256);
        foreach (string file in certFiles)
        {
            if (!TryLoadCertificates(file, error, out byte[] der))
            {
                return CliExitCodes.Error;
            }
            int status = keys.AddSystemCertificates(der);
            if (status != 0)
            {
                error.WriteLine("lvbs kexec verify: certificate " + file + ": " + Reason(status) + " (-" + ErrnoName(status) + ")");
                return CliExitCodes.Error;
            }
        }
        bool allValid = true;
        foreach (string path in images)
        {
            if (!File.Exists(path))
            {
                output.WriteLine(path + ": cannot read file");
                allValid = false;
                continue;
            }
            int status = AuthenticodeVerifier.Verify(File.ReadAllBytes(path), keys);
            output.WriteLine(status == 0 ? path + ": valid" : path + ": " + Reason(status) + " (-" + ErrnoName(status) + ")");
            allValid &= status == 0;
        }
        return allValid ? CliExitCodes.Ok : CliExitCodes.Error;
    }

    /// <summary>Prints the layout, digests and signer of one image; returns the exit code.</summary>
    public static int Inspect(string path, TextWriter output, TextWriter error, string? saveSigner = null)
    {
        if (!File.Exists(path))
        {
            error.WriteLine("lvbs kexec inspect: " + path + ": not found");
            return CliExitCodes.Error;
        }
        byte[] image = File.ReadAllBytes(path);
        int status = PeImage.TryParse(image, out PeImage pe);
        if (status != 0 && status != (int)LinuxErrno.ENODATA)
        {
            output.WriteLine(path + ": " + Reason(status) + " (-" + ErrnoName(status) + ")");
            return CliExitCodes.Error;
        }
        output.WriteLine(path + ": " + (pe.IsPe32Plus || status != 0 ? "PE32+" : "PE32") + ", " + image.Length + " bytes");
        if (status == 0)
        {
            output.WriteLine("  headers      0x" + pe.SizeOfHeaders.ToString("x") + " bytes, " + pe.DataDirectoryCount + " data directories, CheckSum at 0x" + pe.CheckSumOffset.ToString("x"));
            Span<int> order = stackalloc int[PeImage.MaxSections];
            AuthenticodeDigest.CanonicalOrder(image, pe, order);
            for (int k = 0; k < pe.SectionCount; k++)
            {
                PeSectionHeader s = pe.Section(image, order[k]);
                output.WriteLine("  section      " + Name(s).PadRight(8) + " file 0x" + s.PointerToRawData.ToString("x").PadLeft(8, '0')
                    + " size 0x" + s.SizeOfRawData.ToString("x").PadLeft(8, '0') + " rva 0x" + s.VirtualAddress.ToString("x"));
            }
            output.WriteLine("  trailing     " + pe.TrailingLength + " bytes hashed after the sections");
            output.WriteLine("  certificates file 0x" + pe.CertificateTableOffset.ToString("x") + ", " + pe.CertificateTableSize + " bytes");
        }
        else
        {
            output.WriteLine("  unsigned (no Certificate Table)");
            return CliExitCodes.Error;
        }
        status = WinCertificate.TryGetPkcs7(image, pe, out ReadOnlySpan<byte> pkcs7);
        if (status == 0)
        {
            status = Pkcs7SignedData.TryParse(pkcs7, out Pkcs7SignedData message);
            if (status == 0 && message.HasContent && SpcIndirectDataContent.TryParse(message.Content, out SpcIndirectDataContent spc) == 0)
            {
                byte[] computed = new byte[64];
                int size = Digests.SizeOf(spc.DigestAlgorithm);
                AuthenticodeDigest.TryCompute(image, pe, spc.DigestAlgorithm, computed);
                output.WriteLine("  digest       " + spc.DigestAlgorithm + " " + Convert.ToHexStringLower(computed, 0, size)
                    + (spc.Digest.SequenceEqual(computed.AsSpan(0, size)) ? " (matches the signed digest)" : " (signed digest differs: " + Convert.ToHexStringLower(spc.Digest) + ")"));
                PrintSigners(message, output, saveSigner);
            }
        }
        if (status != 0)
        {
            output.WriteLine("  signature    " + Reason(status) + " (-" + ErrnoName(status) + ")");
            return CliExitCodes.Error;
        }
        return CliExitCodes.Ok;
    }

    private static void PrintSigners(Pkcs7SignedData message, TextWriter output, string? saveSigner)
    {
        EmbeddedCertificates.TryParse(message.Certificates, out EmbeddedCertificates? certs);
        var signers = message.Signers;
        while (signers.HasData)
        {
            if (Pkcs7SignerInfo.TryParse(ref signers, message.Version, out Pkcs7SignerInfo si) != 0)
            {
                break;
            }
            Lvbs.Kernel.Keys.X509Certificate? signer = certs?.FindSigner(si);
            if (signer is null)
            {
                output.WriteLine("  signer       (certificate not carried) " + si.Scheme + " " + si.DigestAlgorithm);
                continue;
            }
            if (saveSigner is not null)
            {
                File.WriteAllBytes(saveSigner, signer.Der.ToArray());
                output.WriteLine("  saved        signer certificate to " + saveSigner);
                saveSigner = null;
            }
            using var cert = X509CertificateLoader.LoadCertificate(signer.Der);
            output.WriteLine("  signer       " + cert.Subject + ", issued by " + cert.Issuer + ", serial " + cert.SerialNumber + ", " + si.Scheme + " " + si.DigestAlgorithm);
        }
        output.WriteLine("  carried      " + (certs?.Count ?? 0) + " certificate(s)");
    }

    private static string Name(PeSectionHeader s)
    {
        Span<byte> raw = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(raw, s.NameBytes);
        int n = raw.IndexOf((byte)0);
        return System.Text.Encoding.ASCII.GetString(n < 0 ? raw : raw.Slice(0, n));
    }

    /// <summary>What an errno from AuthenticodeVerifier means for an image.</summary>
    public static string Reason(int errno) => (LinuxErrno)errno switch
    {
        LinuxErrno.ENODATA => "unsigned image",
        LinuxErrno.ELIBBAD => "malformed PE image or certificate table",
        LinuxErrno.EBADMSG => "malformed signature",
        LinuxErrno.ENOPKG => "unsupported algorithm",
        LinuxErrno.EINVAL => "unsupported PKCS#7 content or version",
        LinuxErrno.ENOKEY => "not signed by a trusted key",
        LinuxErrno.EKEYREJECTED => "signature rejected (digest or signature mismatch, not Authenticode, revoked or blacklisted key)",
        _ => "refused",
    };

    private static string ErrnoName(int errno) => Enum.GetName((LinuxErrno)errno) ?? ("E" + errno.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Reads a certificate file: DER as is, or every PEM CERTIFICATE block concatenated.</summary>
    private static bool TryLoadCertificates(string file, TextWriter error, out byte[] der)
    {
        der = [];
        if (!File.Exists(file))
        {
            error.WriteLine("lvbs kexec verify: " + file + ": not found");
            return false;
        }
        byte[] raw = File.ReadAllBytes(file);
        if (!System.Text.Encoding.ASCII.GetString(raw).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            der = raw;
            return true;
        }
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(file);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            error.WriteLine("lvbs kexec verify: " + file + ": " + e.Message);
            return false;
        }
        var all = new List<byte>();
        foreach (X509Certificate2 c in collection)
        {
            all.AddRange(c.RawData);
            c.Dispose();
        }
        der = all.ToArray();
        return true;
    }
}
