using Lvbs.Kernel.Crypto.Conformance;
using Lvbs.Kernel.Crypto.Hashing;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>The HMAC/HKDF vector checks refuse hashes they do not know (the Wycheproof files themselves run in WycheproofConformanceTests).</summary>
public class WycheproofMacKdfTests
{
    [Test]
    public void UnknownHashIsRejected()
    {
        Assert.That(MacKdfVectorChecks.HmacAccepts((HashAlgorithmId)99, new byte[16], default, new byte[32], 256), Is.False);
        Assert.That(MacKdfVectorChecks.HmacAccepts(HashAlgorithmId.None, new byte[16], default, new byte[32], 256), Is.False);
    }
}
