using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Modules.Signature;

namespace Lvbs.Benchmarks;

/// <summary>
/// Verifying the 20 real Debian modules (module-signatures.md §7.1, 1.45 MB): the kernel's
/// ModuleSignatureVerifier (trailer + DER PKCS#7 + SHA-256 + RSA-4096, all kernel code) against
/// .NET's <c>RSA.VerifyData(body, sig, SHA256, Pkcs1)</c> (OpenSSL, raw signature only — no
/// PKCS#7, the §6 baseline). Throughput = <see cref="TotalBytes"/> / mean time.
/// </summary>
public class ModuleVerifyBenchmarks
{
    private byte[][] _modules = Array.Empty<byte[]>();
    private byte[][] _bodies = Array.Empty<byte[]>();
    private byte[][] _signatures = Array.Empty<byte[]>();
    private TrustedKeyring _keys = new TrustedKeyring(1);
    private RSA _rsa = RSA.Create();

    /// <summary>Sum of the 20 module file sizes (printed at setup).</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Loads the modules and the certificate, splits bodies and raw RSA values for .NET.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string root = Locate();
        string[] files = Directory.GetFiles(Path.Combine(root, "modules"), "*.ko");
        Array.Sort(files, StringComparer.Ordinal);
        _modules = new byte[files.Length][];
        _bodies = new byte[files.Length][];
        _signatures = new byte[files.Length][];
        for (int i = 0; i < files.Length; i++)
        {
            byte[] m = File.ReadAllBytes(files[i]);
            _modules[i] = m;
            TotalBytes += m.Length;
            int modlen = m.Length - 28;
            int sigLen = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(m.AsSpan(modlen - 4));
            int body = modlen - 12 - sigLen;
            _bodies[i] = m.AsSpan(0, body).ToArray();
            _signatures[i] = m.AsSpan(body + sigLen - 512, 512).ToArray(); // the RSA-4096 value ends the PKCS#7 (§2.4)
        }
        byte[] cert = File.ReadAllBytes(Path.Combine(root, "debian-6.1.0-56-signing_key.x509"));
        _keys = new TrustedKeyring(4);
        if (_keys.AddSystemCertificates(cert) != 0)
        {
            throw new InvalidOperationException("certificate");
        }
        _rsa = X509CertificateLoader.LoadCertificate(cert).GetRSAPublicKey()!;
        Console.WriteLine("// modules: " + _modules.Length + ", total bytes: " + TotalBytes);
    }

    /// <summary>Frees the .NET key.</summary>
    [GlobalCleanup]
    public void Cleanup() => _rsa.Dispose();

    /// <summary>All 20 with the kernel's verifier.</summary>
    [Benchmark(Baseline = true)]
    public int KernelModuleSignatureVerifier()
    {
        int bad = 0;
        foreach (byte[] m in _modules)
        {
            bad += ModuleSignatureVerifier.Verify(m, _keys, out _) == 0 ? 0 : 1;
        }
        return bad;
    }

    /// <summary>All 20 with .NET RSA.VerifyData over the body (raw signature, no PKCS#7).</summary>
    [Benchmark]
    public int DotNetRsaVerifyData()
    {
        int bad = 0;
        for (int i = 0; i < _bodies.Length; i++)
        {
            bad += _rsa.VerifyData(_bodies[i], _signatures[i], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) ? 0 : 1;
        }
        return bad;
    }

    private static string Locate()
    {
        for (DirectoryInfo? d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "..", "shared", "data", "debian-modules");
            if (Directory.Exists(Path.Combine(candidate, "modules")))
            {
                return Path.GetFullPath(candidate);
            }
        }
        throw new DirectoryNotFoundException("../shared/data/debian-modules");
    }
}
