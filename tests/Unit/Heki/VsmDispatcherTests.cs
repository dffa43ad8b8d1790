using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Kernel.Heki;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki;

/// <summary>The dispatch table against lvbs-abi.md §1.2 and the end-of-boot state machine.</summary>
public class VsmDispatcherTests
{
    private const long Enotsup = -(long)LinuxErrno.ENOTSUP;
    private const long Eperm = -(long)LinuxErrno.EPERM;

    private SimulatedMachine _m = null!;
    private VsmDispatcher _d = null!;

    internal static VsmDispatcherOptions OptionsFor(SimulatedMachine m)
    {
        return new VsmDispatcherOptions
        {
            Vtl1Start = m.Options.Vtl1Base,
            Vtl1End = m.Options.Vtl1Base + m.Options.Vtl1Size,
            LowerVtlRamEnd = m.Options.RamSize,
            VpCount = m.VpCount,
            MaxChainPages = 8,
            RefusalLogCapacity = 4,
        };
    }

    [SetUp]
    public void SetUp()
    {
        _m = new SimulatedMachine(new SimulatedMachineOptions());
        _d = new VsmDispatcher(_m, OptionsFor(_m));
    }

    private long Call(ulong id, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, uint vp = 0)
    {
        VtlEntry e = default;
        e.Reason = VtlEntryReason.Call;
        e.Vp = vp;
        e.Call = new VtlCall { Vp = vp, FunctionId = id, Arg1 = a1, Arg2 = a2, Arg3 = a3 };
        return _d.OnEntry(in e);
    }

    [Test]
    public void TableCoversEveryIdInOrderWithAbiNames()
    {
        string[] names =
        {
            "ENABLE_APS_VTL", "BOOT_APS", "LOCK_REGS", "SIGNAL_END_OF_BOOT", "PROTECT_MEMORY", "LOAD_KDATA",
            "VALIDATE_MODULE", "FREE_MODULE_INIT", "UNLOAD_MODULE", "COPY_SECONDARY_KEY", "KEXEC_VALIDATE",
            "PATCH_TEXT", "ALLOCATE_RINGBUFFER_MEMORY", "SET_PLATFORM_ROOT_KEY", "GENERATE_IDENTITY_SIGNING_KEY",
        };
        Assert.That(_d.Table.Length, Is.EqualTo(names.Length));
        for (int i = 0; i < names.Length; i++)
        {
            VsmCallEntry row = _d.Table[i];
            Assert.That(row.Id, Is.EqualTo(0x1FFE0UL + (ulong)i));
            Assert.That(row.Name, Is.EqualTo(names[i]));
            Assert.That(VtlCallFunctions.IsKnown(row.Id), Is.True);
            Assert.That(row.Handler, Is.Not.Null);
        }
    }

    [Test]
    public void BootOnlyFlagsFollowTheAbiColumn()
    {
        foreach (VsmCallEntry row in _d.Table)
        {
            bool expected = VtlCallFunctions.IsBootOnly((VtlCallFunction)row.Id) || row.Id == (ulong)VtlCallFunction.SignalEndOfBoot;
            Assert.That(row.BootOnly, Is.EqualTo(expected), row.Name);
        }
    }

    [Test]
    public void RowsNotImplementedAnswerEnotsup()
    {
        foreach (VsmCallEntry row in _d.Table)
        {
            // GENERATE_IDENTITY_SIGNING_KEY has no published ABI (LiteBox answers ENOTSUP too).
            bool mustBeImplemented = row.Id != (ulong)VtlCallFunction.GenerateIdentitySigningKey;
            if (mustBeImplemented)
            {
                Assert.That(row.Implemented, Is.True, row.Name);
            }

            if (!row.Implemented)
            {
                Assert.That(Call(row.Id, 0x1000, 1, 0), Is.EqualTo(Enotsup), row.Name);
            }
        }
    }

    [TestCase(0x0UL)]
    [TestCase(0x1FFDFUL)]
    [TestCase(0x1FFEFUL)]
    [TestCase(0x1FFF1UL)]
    [TestCase(0x1FFFFFUL)]
    [TestCase(ulong.MaxValue)]
    public void UnknownIdsAreUnsupported(ulong id)
    {
        Assert.That(Call(id), Is.EqualTo(Enotsup));
        Assert.That(_d.UnknownCalls, Is.EqualTo(1));
    }

    [Test]
    public void OpteeMessageIsReservedUntilATeeHandlerIsGiven()
    {
        Assert.That(Call((ulong)VtlCallFunction.OpteeMessage, 5), Is.EqualTo(Enotsup));
        Assert.That(_d.UnknownCalls, Is.Zero);

        VsmDispatcherOptions o = OptionsFor(_m);
        o.OpteeHandler = new EchoHandler();
        _d = new VsmDispatcher(_m, o);
        Assert.That(Call((ulong)VtlCallFunction.OpteeMessage, 5), Is.EqualTo(5));
    }

    [Test]
    public void EndOfBootIsOneWayAndRefusesBootOnlyCalls()
    {
        Assert.That(_d.EndOfBoot, Is.False);
        Assert.That(Call((ulong)VtlCallFunction.SignalEndOfBoot), Is.Zero);
        Assert.That(_d.EndOfBoot, Is.True);
        Assert.That(Call((ulong)VtlCallFunction.SignalEndOfBoot), Is.EqualTo(Eperm), "second signal");
        Assert.That(_d.EndOfBoot, Is.True);
        foreach (VsmCallEntry row in _d.Table)
        {
            long r = Call(row.Id, 0x20_0000, 1);
            if (row.BootOnly)
            {
                Assert.That(r, Is.EqualTo(Eperm), row.Name);
            }
            else
            {
                // Calls allowed after end of boot answer for themselves (an error for these arguments), never EPERM.
                Assert.That(r, Is.Not.EqualTo(Eperm), row.Name);
            }
        }
    }

    [Test]
    public void InterruptsAndUnknownReasonsDoNothing()
    {
        VtlEntry e = default;
        e.Reason = VtlEntryReason.Interrupt;
        e.InterruptVector = 0xF3;
        Assert.That(_d.OnEntry(in e), Is.Zero);
        e.Reason = (VtlEntryReason)77;
        Assert.That(_d.OnEntry(in e), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(_d.Refusals.Total, Is.Zero);
    }

    [Test]
    public void BadOptionsAreABootBug()
    {
        VsmDispatcherOptions o = OptionsFor(_m);
        o.LowerVtlRamEnd = 0x1234;
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new VsmDispatcher(_m, o));
    }

    private sealed class EchoHandler : IVsmCallHandler
    {
        public long Handle(in VtlCall call) => (long)call.Arg1;
    }
}
