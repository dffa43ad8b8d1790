using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Backend;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>
/// Runs the Linux guest with register pinning armed from the start. Pinning is sticky, as in
/// native-svm-under-qemu.md §4.1: CR0.WP, CR4.SMEP/SMAP/UMIP/OSXMMEXCPT and EFER.NXE may be set
/// by Linux but never cleared once set. Everything else Linux writes is applied. The run ends
/// when Linux writes SLP_EN to the ACPI PM1a control port (poweroff).
/// </summary>
internal sealed class LinuxGuestSupervisor
{
    private const ulong Cr0StickyBits = 1UL << 16;                                    // WP
    private const ulong Cr4StickyBits = (1UL << 20) | (1UL << 21) | (1UL << 11) | (1UL << 10); // SMEP SMAP UMIP OSXMMEXCPT
    private const ulong EferStickyBits = 1UL << 11;                                   // NXE
    private const uint Efer = 0xC000_0080;

    /// <summary>
    /// A guest-physical page above RAM that starts unmapped: the test initramfs touches it
    /// (busybox devmem, iomem=relaxed) to say boot is complete, the stand-in for the LVBS end-of-boot
    /// call a stock kernel cannot make. On that first touch the kernel text is protected and the
    /// page is backed by a scratch page so the access completes.
    /// </summary>
    internal const ulong Doorbell = 0x1_0000_0000;

    private readonly NativeSvmPlatform _platform;
    private readonly Lvbs.Kernel.Boot.Linux.KernelSegments _segments;
    private ulong _cr0Writes, _cr4Writes, _eferWrites, _portAccesses, _calls, _refusedRegisterWrites, _refusedMemoryAccesses, _refusedTextWrites;
    private bool _textProtected;

    private readonly ulong _doorbellBacking;

    internal LinuxGuestSupervisor(NativeSvmPlatform platform, in Lvbs.Kernel.Boot.Linux.KernelSegments segments, ulong doorbellBacking)
    {
        _platform = platform;
        _segments = segments;
        _doorbellBacking = doorbellBacking;
    }

    internal void Arm()
    {
        InterceptConfiguration configuration = default;
        configuration.Set = InterceptSet.Cr0Write | InterceptSet.Cr4Write | InterceptSet.EferWrite;
        _platform.ArmIntercepts(0, configuration);
    }

    /// <summary>
    /// Runs until poweroff (true: the guest shut down cleanly) or until the guest cannot continue
    /// (false). Refusals are counted and reported; whether they were expected is the caller's call.
    /// </summary>
    internal bool Run()
    {
        long result = 0;
        while (true)
        {
            BindingStatus status = _platform.ReturnToLower(0, result, out VtlEntry entry);
            result = 0;
            if (status != BindingStatus.Success)
            {
                if (_platform.StopReason == SvmStopReason.PortAccess)
                {
                    if (HandlePort())
                    {
                        Report("powered off");
                        return true;
                    }
                    continue;
                }
                Console.Write("linux-guest: the guest stopped: stop reason ");
                Console.WriteDecimal((ulong)_platform.StopReason);
                Console.Write(", exit code ");
                Console.WriteHex((ulong)_platform.StopExitCode);
                Console.WriteLine();
                Report("stopped");
                return false;
            }
            if (entry.Reason == VtlEntryReason.Call)
            {
                _calls++;
                result = -38; // -ENOSYS: a stock kernel has no LVBS calls to make
                continue;
            }
            HandleIntercept(entry.Intercept);
        }
    }

    private void HandleIntercept(in Intercept intercept)
    {
        switch (intercept.Kind)
        {
            case InterceptKind.ControlRegisterWrite:
                bool cr0 = intercept.Register == VpRegister.Cr0;
                if (cr0)
                {
                    _cr0Writes++;
                }
                else
                {
                    _cr4Writes++;
                }
                _platform.ReadRegister(0, intercept.Register, out ulong current);
                ApplyUnlessClearing(intercept, current, cr0 ? Cr0StickyBits : Cr4StickyBits, intercept.Register);
                return;
            case InterceptKind.MsrWrite when intercept.Msr == Efer:
                _eferWrites++;
                _platform.ReadRegister(0, VpRegister.Efer, out ulong efer);
                ApplyUnlessClearing(intercept, efer, EferStickyBits, VpRegister.Efer);
                return;
            case InterceptKind.GpaAccess when (intercept.Gpa & ~0xFFFUL) == Doorbell && !_textProtected && _doorbellBacking != 0:
                ProtectKernelText();
                _platform.MapGuestMemory(Doorbell, _doorbellBacking, 1, VtlPermissions.Read | VtlPermissions.Write);
                return;
            case InterceptKind.GpaAccess:
                // Linux's own runtime text patching (jump labels, static calls) lands here too once
                // the text is protected: it is refused until text-patch validation exists (issue 5).
                bool textWrite = intercept.Access == MemoryAccess.Write && intercept.Gpa >= _segments.TextStart && intercept.Gpa < _segments.TextEnd;
                if (textWrite)
                {
                    _refusedTextWrites++;
                }
                else
                {
                    _refusedMemoryAccesses++;
                }
                Refuse(textWrite ? "write to protected kernel text" : "access to memory VTL0 may not touch", intercept.Gpa, intercept.Rip);
                return;
            default:
                _refusedRegisterWrites++;
                Refuse("unexpected intercept", intercept.Msr, intercept.Rip);
                return;
        }
    }

    private void ApplyUnlessClearing(in Intercept intercept, ulong current, ulong sticky, VpRegister register)
    {
        if ((current & sticky & ~intercept.Value) != 0)
        {
            _refusedRegisterWrites++;
            Refuse(register == VpRegister.Efer ? "EFER write clearing a pinned bit" : "control register write clearing a pinned bit",
                intercept.Value, intercept.Rip);
            return;
        }
        _platform.WriteRegister(0, register, intercept.Value);
        _platform.WriteRegister(0, VpRegister.Rip, intercept.Rip + intercept.InstructionLength);
    }

    private void Refuse(string what, ulong where, ulong rip)
    {
        _platform.InjectException(0, ExceptionEvent.GeneralProtectionFault());
        Console.Write("linux-guest: secure kernel blocked ");
        Console.Write(what);
        Console.Write(" at ");
        Console.WriteHex(where);
        Console.Write(", rip ");
        Console.WriteHex(rip);
        Console.WriteLine();
    }

    // PM1a_CNT: pass the access through, except a sleep request, which ends the run (poweroff).
    private bool HandlePort()
    {
        _portAccesses++;
        PortAccess access = _platform.LastPortAccess;
        if (!access.IsIn && (access.Value & (1UL << 13)) != 0)
        {
            return true;
        }
        if (access.IsIn)
        {
            _platform.ReadRegister(0, VpRegister.Rax, out ulong rax);
            ulong mask = access.Size == 4 ? 0xFFFF_FFFFUL : access.Size == 2 ? 0xFFFFUL : 0xFFUL;
            _platform.WriteRegister(0, VpRegister.Rax, (rax & ~mask) | PortIo.Read(access.Port, access.Size));
        }
        else
        {
            PortIo.Write(access.Port, access.Size, (uint)access.Value);
        }
        _platform.CompletePortAccess();
        return false;
    }

    // Text (with rodata on x86-64) becomes read + execute for VTL0: no more writes to it.
    private void ProtectKernelText()
    {
        ulong first = _segments.TextStart >> 12, pages = (_segments.TextEnd - _segments.TextStart + 4095) >> 12;
        BindingStatus s = _platform.SetLowerVtlPermissions(first, pages,
            VtlPermissions.Read | VtlPermissions.KernelExecute | VtlPermissions.UserExecute);
        if (s == BindingStatus.Success && _segments.ReadOnlyEnd > _segments.ReadOnlyStart)
        {
            s = _platform.SetLowerVtlPermissions(_segments.ReadOnlyStart >> 12,
                (_segments.ReadOnlyEnd - _segments.ReadOnlyStart + 4095) >> 12, VtlPermissions.Read);
        }
        _textProtected = s == BindingStatus.Success;
        Console.Write("linux-guest: end of boot signalled; kernel text ");
        Console.Write(_textProtected ? "write-protected through nested paging (" : "could NOT be protected (");
        Console.WriteDecimal(pages);
        Console.WriteLine(" pages)");
    }

    private void Report(string how)
    {
        Console.Write("linux-guest: ");
        Console.Write(how);
        Console.Write(" after ");
        Console.WriteDecimal(_platform.ExitCount);
        Console.Write(" exits (");
        Console.WriteDecimal(_cr0Writes);
        Console.Write(" CR0 writes, ");
        Console.WriteDecimal(_cr4Writes);
        Console.Write(" CR4 writes, ");
        Console.WriteDecimal(_eferWrites);
        Console.Write(" EFER writes, ");
        Console.WriteDecimal(_portAccesses);
        Console.Write(" port accesses, ");
        Console.WriteDecimal(_calls);
        Console.Write(" VTL calls); refused: ");
        Console.WriteDecimal(_refusedRegisterWrites);
        Console.Write(" register writes, ");
        Console.WriteDecimal(_refusedTextWrites);
        Console.Write(" kernel text writes, ");
        Console.WriteDecimal(_refusedMemoryAccesses);
        Console.WriteLine(" other memory accesses");
    }
}
