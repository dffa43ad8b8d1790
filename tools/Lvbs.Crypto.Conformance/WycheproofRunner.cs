using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Lvbs.Crypto.Conformance.Wycheproof;
using Lvbs.Kernel.Crypto.Aes;

namespace Lvbs.Crypto.Conformance;

/// <summary>
/// Runs Wycheproof v1 files against the kernel's crypto (Lvbs.Kernel.Core; no host crypto).
/// A vector passes when the outcome conforms to its <c>result</c>: "valid" must be accepted with
/// matching outputs, "invalid" must be rejected, "acceptable" may be either but never accepted
/// with a wrong output.
/// </summary>
public sealed class WycheproofRunner
{
    private readonly AesImplementation _aes;

    /// <summary>Creates a runner; AES files run on <paramref name="aes"/>.</summary>
    public WycheproofRunner(AesImplementation aes) => _aes = aes;

    /// <summary>A runner using AES-NI when the CPU has it, the software AES otherwise.</summary>
    public static WycheproofRunner ForThisMachine() =>
        new(System.Runtime.Intrinsics.X86.Aes.IsSupported ? AesImplementation.Hardware : AesImplementation.Software);

    /// <summary>Loads and runs the file at <paramref name="path"/>; load errors become <see cref="FileReport.Error"/>.</summary>
    public FileReport RunPath(string path)
    {
        WycheproofFile file;
        try
        {
            file = WycheproofFile.LoadPath(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException
            or KeyNotFoundException or InvalidOperationException)
        {
            return new FileReport(Path.GetFileName(path), WycheproofFamily.Unknown) { Error = "cannot load: " + e.Message };
        }

        return Run(file);
    }

    /// <summary>Runs every vector of <paramref name="file"/>.</summary>
    public FileReport Run(WycheproofFile file)
    {
        WycheproofFamily family = WycheproofFamilies.FromSchema(file.Schema);
        var report = new FileReport(file.FileName, family);
        if (family == WycheproofFamily.Unknown)
        {
            report.Error = "unknown schema '" + file.Schema + "' (algorithm '" + file.Algorithm + "')";
            return report;
        }

        var rsa = new RsaVectors();
        foreach (WycheproofTest t in file.AllTests)
        {
            VectorVerdict verdict;
            try
            {
                verdict = Evaluate(family, t, rsa);
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or InvalidOperationException)
            {
                // A field missing or malformed in the file: the vector cannot be judged.
                report.Failed++;
                report.Failures.Add(Describe(t) + ": malformed vector: " + e.Message);
                continue;
            }

            if (verdict.Kind == VectorVerdictKind.Skipped)
            {
                report.Skipped++;
                string reason = verdict.SkipReason ?? "";
                report.SkipReasons[reason] = report.SkipReasons.GetValueOrDefault(reason) + 1;
            }
            else if (Conforms(t.Result, verdict.Kind))
            {
                report.Passed++;
            }
            else
            {
                report.Failed++;
                report.Failures.Add(Describe(t) + ": expected " + t.Result + ", got " + verdict.Kind);
            }
        }

        return report;
    }

    /// <summary>Whether <paramref name="outcome"/> is a conforming answer to a vector with <paramref name="expected"/>.</summary>
    public static bool Conforms(WycheproofResult expected, VectorVerdictKind outcome) => expected switch
    {
        WycheproofResult.Valid => outcome == VectorVerdictKind.Accepted,
        WycheproofResult.Invalid => outcome == VectorVerdictKind.Rejected,
        _ => outcome != VectorVerdictKind.Mismatch,
    };

    private VectorVerdict Evaluate(WycheproofFamily family, WycheproofTest t, RsaVectors rsa) => family switch
    {
        WycheproofFamily.Aead => SymmetricVectors.Aead(t, _aes),
        WycheproofFamily.Mac => SymmetricVectors.Mac(t, _aes),
        WycheproofFamily.Hkdf => SymmetricVectors.Hkdf(t),
        WycheproofFamily.IndCpa => SymmetricVectors.IndCpa(t, _aes),
        WycheproofFamily.EcdsaDer => EcVectors.Ecdsa(t, p1363: false),
        WycheproofFamily.EcdsaP1363 => EcVectors.Ecdsa(t, p1363: true),
        WycheproofFamily.EcdhSpki => EcVectors.Ecdh(t, spki: true),
        WycheproofFamily.EcdhPoint => EcVectors.Ecdh(t, spki: false),
        WycheproofFamily.Eddsa => Curve25519Vectors.Eddsa(t),
        WycheproofFamily.Xdh => Curve25519Vectors.Xdh(t),
        WycheproofFamily.RsaPkcs1Verify => rsa.Pkcs1Verify(t),
        WycheproofFamily.RsaPssVerify => rsa.PssVerify(t),
        WycheproofFamily.RsaOaepDecrypt => rsa.OaepDecrypt(t),
        WycheproofFamily.RsaPkcs1Decrypt => rsa.Pkcs1Decrypt(t),
        _ => VectorVerdict.Skip("family " + family + " not implemented"),
    };

    private static string Describe(WycheproofTest t) =>
        "tcId " + t.TcId + " (" + t.Comment + ") [" + string.Join(",", t.Flags) + "]";
}
