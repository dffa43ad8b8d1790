using Lvbs.Kernel.Crypto.Aes;
using Lvbs.Kernel.Crypto.Conformance;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>The in-image power-on self-tests pass hosted too (they return null on success).</summary>
public class SymmetricSelfTestTests
{
    [Test]
    public void Sha2() => Assert.That(SymmetricSelfTest.Sha2(), Is.Null);

    [Test]
    public void HmacAndHkdf() => Assert.That(SymmetricSelfTest.HmacAndHkdf(), Is.Null);

    [TestCase(AesImplementation.Software)]
    [TestCase(AesImplementation.Hardware)]
    [TestCase(AesImplementation.Automatic)]
    public void Aes(AesImplementation impl) => Assert.That(SymmetricSelfTest.Aes(impl), Is.Null);
}
