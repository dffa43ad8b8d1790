using System;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Kdf;
using NUnit.Framework;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>HKDF and PBKDF2 against BouncyCastle on random inputs and output lengths.</summary>
public class KdfDifferentialTests
{
    private static void Hkdf<THash>(Func<IDigest> digest, int seed)
        where THash : struct, IHashFunction
    {
        var rng = new Random(seed);
        for (int i = 0; i < 1000; i++)
        {
            byte[] ikm = new byte[rng.Next(0, 100)], salt = new byte[rng.Next(0, 150)], info = new byte[rng.Next(0, 80)];
            rng.NextBytes(ikm);
            rng.NextBytes(salt);
            rng.NextBytes(info);
            byte[] expected = new byte[rng.Next(1, 600)];
            var bc = new HkdfBytesGenerator(digest());
            bc.Init(new HkdfParameters(ikm, salt, info));
            bc.GenerateBytes(expected, 0, expected.Length);
            byte[] actual = new byte[expected.Length];
            Assert.That(global::Lvbs.Kernel.Crypto.Kdf.Hkdf.DeriveKey<THash>(ikm, salt, info, actual), Is.EqualTo(CryptoStatus.Success));
            Assert.That(actual, Is.EqualTo(expected));
        }
    }

    [Test] public void HkdfSha256() => Hkdf<Sha256>(() => new Sha256Digest(), 21);

    [Test] public void HkdfSha384() => Hkdf<Sha384>(() => new Sha384Digest(), 22);

    [Test] public void HkdfSha512() => Hkdf<Sha512>(() => new Sha512Digest(), 23);

    private static void Pbkdf2<THash>(Func<IDigest> digest, int seed)
        where THash : struct, IHashFunction
    {
        var rng = new Random(seed);
        for (int i = 0; i < 1000; i++)
        {
            byte[] password = new byte[rng.Next(0, 200)], salt = new byte[rng.Next(0, 40)];
            rng.NextBytes(password);
            rng.NextBytes(salt);
            int iterations = rng.Next(1, 20);
            int length = rng.Next(1, 150);
            var bc = new Pkcs5S2ParametersGenerator(digest());
            bc.Init(password, salt, iterations);
            byte[] expected = ((KeyParameter)bc.GenerateDerivedMacParameters(length * 8)).GetKey();
            byte[] actual = new byte[length];
            Assert.That(global::Lvbs.Kernel.Crypto.Kdf.Pbkdf2.DeriveKey<THash>(password, salt, iterations, actual), Is.EqualTo(CryptoStatus.Success));
            Assert.That(actual, Is.EqualTo(expected));
        }
    }

    [Test] public void Pbkdf2Sha1() => Pbkdf2<Sha1>(() => new Sha1Digest(), 31);

    [Test] public void Pbkdf2Sha256() => Pbkdf2<Sha256>(() => new Sha256Digest(), 32);

    [Test] public void Pbkdf2Sha512() => Pbkdf2<Sha512>(() => new Sha512Digest(), 33);
}
