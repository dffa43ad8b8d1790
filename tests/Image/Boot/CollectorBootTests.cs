using System.Threading.Tasks;
using Lvbs.ImageHarness.Qemu;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Boot;

/// <summary>
/// The collector: <c>gctest</c> allocates ten times the heap in a loop; with a 4 MiB heap it
/// can only finish if memory is reclaimed.
/// </summary>
[TestFixture]
public sealed class CollectorBootTests
{
    [OneTimeSetUp]
    public Task Ready() => ImageUnderTest.EnsureReadyAsync();

    [Test]
    public async Task WhenAllocatingTenTimesASmallHeap_Survives()
    {
        var boot = await ImageUnderTest.BootAsync("gctest heap=4M");

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.Success), boot.Describe());
        Assert.That(boot.Serial.Panic, Is.Null, boot.Describe());
    }
}
