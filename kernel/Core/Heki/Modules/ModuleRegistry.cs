using System;
using Lvbs.Kernel.Heki.Kdata;
using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// The modules VTL1 admitted, by token, in load order. Tokens come from a monotonic counter
/// starting at 0 (LiteBox: a global atomic counter) and are never reused. Also the symbol
/// resolver modules are validated against: the core kernel's exports (LOAD_KDATA) first, then
/// the exports of modules admitted earlier, in load order (Linux's <c>resolve_symbol</c>).
/// </summary>
public sealed class ModuleRegistry : IModuleSymbolResolver
{
    private readonly ModuleRecord?[] _slots;
    private readonly ModuleRecord?[] _order;
    private readonly KernelDataStore _kernel;
    private int _count;
    private long _nextToken;

    /// <summary>Creates a registry for at most <paramref name="capacity"/> live modules.</summary>
    public ModuleRegistry(int capacity, KernelDataStore kernel)
    {
        if (capacity < 1 || capacity > ProtectedFrames.MaxModuleOwner)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }

        _slots = new ModuleRecord?[capacity];
        _order = new ModuleRecord?[capacity];
        _kernel = kernel;
    }

    /// <summary>Live modules.</summary>
    public int Count => _count;

    /// <summary>The token the next admitted module will get.</summary>
    public long NextToken => _nextToken;

    /// <summary>Observer told about init frees and unloads (PATCH_TEXT's hook); may be null.</summary>
    public IModuleLifecycleObserver? Observer { get; set; }

    /// <summary>The <paramref name="index"/>-th live module in load order.</summary>
    public ModuleRecord? At(int index) => index >= 0 && index < _count ? _order[index] : null;

    /// <summary>The live module with <paramref name="token"/>, or null.</summary>
    public ModuleRecord? Find(long token)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_order[i]!.Token == token)
            {
                return _order[i];
            }
        }

        return null;
    }

    /// <summary>Looks up <paramref name="name"/> among all exports, GPL-only ones included.</summary>
    public bool TryResolve(ReadOnlySpan<byte> name, out ulong address) => TryResolve(name, true, out address);

    /// <summary>Looks up <paramref name="name"/>, GPL-only exports only when <paramref name="gplOk"/>.</summary>
    public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address) => TryResolve(name, gplOk, out address, out _);

    /// <inheritdoc />
    public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
    {
        KernelSymbolTable? core = _kernel.Symbols;
        if (core is not null && core.TryResolve(name, gplOk, out address, out flags))
        {
            return true;
        }

        for (int i = 0; i < _count; i++)
        {
            if (_order[i]!.Admitted.Exports.TryResolve(name, gplOk, out address, out flags))
            {
                return true;
            }
        }

        address = 0;
        flags = ResolvedSymbolFlags.None;
        return false;
    }

    /// <summary>A free frame-owner value for a new module, or 0 when the registry is full.</summary>
    internal ushort FreeOwner()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is null)
            {
                return (ushort)(i + 1);
            }
        }

        return 0;
    }

    /// <summary>Takes the next token.</summary>
    internal long TakeToken() => _nextToken++;

    /// <summary>Adds an admitted module under its owner slot.</summary>
    internal void Add(ModuleRecord record)
    {
        _slots[record.Owner - 1] = record;
        _order[_count++] = record;
    }

    /// <summary>Forgets a module (token and exports).</summary>
    internal void Remove(ModuleRecord record)
    {
        _slots[record.Owner - 1] = null;
        for (int i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_order[i], record))
            {
                for (int j = i; j < _count - 1; j++)
                {
                    _order[j] = _order[j + 1];
                }

                _order[--_count] = null;
                return;
            }
        }
    }
}
