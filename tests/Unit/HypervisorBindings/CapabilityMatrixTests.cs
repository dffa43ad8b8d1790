using System.Linq;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Platforms;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings;

/// <summary>The matrix `lvbs platforms` prints.</summary>
public class CapabilityMatrixTests
{
    [Test]
    public void OneRowPerBackendInOrder()
    {
        Assert.That(CapabilityMatrix.Rows().Select(r => r.Name), Is.EqualTo(new[] { "hyperv", "sev-snp", "tdx", "kvm-planes", "simulated", "native-svm" }));
        Assert.That(CapabilityMatrix.Columns(), Has.Count.EqualTo(BackendCapabilities.Count));
    }

    [Test]
    public void EveryNonFullCellSaysWhy()
    {
        foreach (BackendCapabilities row in CapabilityMatrix.Rows())
        {
            foreach (Capability c in CapabilityMatrix.Columns())
            {
                CapabilityCell cell = row.Get(c);
                Assert.That(cell.Level == CapabilityLevel.Full || cell.Reason.Length > 10, Is.True, row.Name + " " + c);
            }
        }
    }

    [Test]
    public void KnownGapsAreStated()
    {
        var rows = CapabilityMatrix.Rows().ToDictionary(r => r.Name);
        Assert.That(rows["sev-snp"].Get(Capability.ControlRegisterPinning).Level, Is.EqualTo(CapabilityLevel.None));
        Assert.That(rows["kvm-planes"].Get(Capability.ExecuteSplit).Level, Is.EqualTo(CapabilityLevel.None));
        Assert.That(rows["kvm-planes"].Get(Capability.PageProtection).Level, Is.EqualTo(CapabilityLevel.None));
        Assert.That(rows["hyperv"].Get(Capability.ControlRegisterPinning).Level, Is.EqualTo(CapabilityLevel.Full));
        Assert.That(CapabilityMatrix.RunsHere("simulated"), Is.True);
        Assert.That(CapabilityMatrix.RunsHere("hyperv"), Is.False);
    }

    [Test]
    public void TextHasAHeaderAndOneLinePerBackend()
    {
        string[] lines = CapabilityMatrix.ToText().Split('\n');
        Assert.That(lines[0], Does.StartWith("backend").And.Contain("cr-pin"));
        Assert.That(lines[2], Does.StartWith("sev-snp").And.Contain("none"));
        Assert.That(lines[5], Does.StartWith("simulated").And.EndWith("yes (in-process)"));
        Assert.That(lines[6], Does.StartWith("native-svm").And.EndWith("yes (QEMU TCG)"));
        Assert.That(lines[1], Does.EndWith("no (published ABI only)"));
        Assert.That(CapabilityMatrix.ToText(), Does.Contain("kvm-planes ux/kx: none - "));
    }
}
