namespace Lvbs.Kernel.Heki;

/// <summary>
/// The end-of-boot state machine (lvbs-abi.md §1.2): Booting → EndOfBoot, one way. Boot-only
/// services (LOCK_REGS, PROTECT_MEMORY, LOAD_KDATA, ALLOCATE_RINGBUFFER_MEMORY) consult it as
/// well as the dispatcher, so a service reached by another path still refuses.
/// </summary>
public sealed class VsmBootState
{
    /// <summary>True once SIGNAL_END_OF_BOOT was accepted. Never becomes false again.</summary>
    public bool EndOfBoot { get; private set; }

    /// <summary>Moves to end of boot; false when already there (the transition happens once).</summary>
    public bool TrySignalEndOfBoot()
    {
        if (EndOfBoot)
        {
            return false;
        }

        EndOfBoot = true;
        return true;
    }
}
