using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.Kdata;

/// <summary>
/// LOAD_KDATA (0x1FFE5; a1 = PA of the first heki page, a2 = total ranges; lvbs-abi.md §1.2,
/// §1.3, §1.4). Rules, in order: refused after end of boot (EPERM) and after one accepted call
/// (EBUSY: the data is the boot kernel's, sent once); the chain is read with the kdata
/// vocabulary (an unknown type is EINVAL, as are the chain-format errors of
/// <see cref="HekiChainReader"/>); each type's total size is bounded by <see cref="KdataLimits"/>
/// (ERANGE) before anything is copied; every type is copied once into VTL1 (EFAULT); KernelInfo
/// must hold the 32-byte <c>heki_kinfo</c> prefix and comes together with KernelData (EINVAL);
/// the symbol table is validated (<see cref="KernelSymbolTable.TryBuild"/>); the certificate
/// streams are handed to the trusted keyring (its errno). Only when every step passed is
/// anything published: the call is all-or-nothing.
/// </summary>
public sealed class LoadKdataCall : IVsmCallHandler
{
    private readonly IGuestMemory _memory;
    private readonly HekiChainReader _reader;
    private readonly VsmBootState _boot;
    private readonly KernelDataStore _store;
    private readonly IKdataKeySink? _keys;

    /// <summary>Creates the service; <paramref name="keys"/> receives the certificate streams (null: kept raw only).</summary>
    public LoadKdataCall(IGuestMemory memory, HekiChainReader reader, VsmBootState boot, KernelDataStore store, IKdataKeySink? keys)
    {
        _memory = memory;
        _reader = reader;
        _boot = boot;
        _store = store;
        _keys = keys;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        return -(long)Load(call.Arg1, call.Arg2);
    }

    private LinuxErrno Load(ulong firstPagePa, ulong total)
    {
        if (_boot.EndOfBoot)
        {
            return LinuxErrno.EPERM;
        }

        if (_store.Loaded)
        {
            return LinuxErrno.EBUSY;
        }

        HekiChainStatus s = _reader.Read(firstPagePa, total, HekiRangeKind.Kdata);
        if (s != HekiChainStatus.Ok)
        {
            return HekiErrno.From(s);
        }

        ReadOnlySpan<HekiRange> ranges = _reader.Ranges;
        if (!RangeBytes.TryMeasure(ranges, (ulong)HekiKdataType.SystemCerts, KdataLimits.SystemCerts, out int certsLength)
            || !RangeBytes.TryMeasure(ranges, (ulong)HekiKdataType.RevocationCerts, KdataLimits.RevocationCerts, out int revokedLength)
            || !RangeBytes.TryMeasure(ranges, (ulong)HekiKdataType.BlocklistHashes, KdataLimits.BlocklistHashes, out int blockLength)
            || !RangeBytes.TryMeasure(ranges, (ulong)HekiKdataType.KernelInfo, KdataLimits.KernelInfo, out int infoLength)
            || !RangeBytes.TryMeasure(ranges, (ulong)HekiKdataType.KernelData, KdataLimits.KernelData, out int dataLength)
            || !RangeBytes.TryMeasure(ranges, (ulong)HekiKdataType.PatchInfo, KdataLimits.PatchInfo, out int patchLength)
            || !RangeBytes.TryMeasure(ranges, (ulong)HekiKdataType.KexecTrampoline, KdataLimits.KexecTrampoline, out int trampolineLength))
        {
            return LinuxErrno.ERANGE;
        }

        if ((infoLength == 0) != (dataLength == 0) || (infoLength != 0 && infoLength < HekiKernelInfo.Size))
        {
            return LinuxErrno.EINVAL;
        }

        byte[] certs = Copy(ranges, HekiKdataType.SystemCerts, certsLength, out bool ok1);
        byte[] revoked = Copy(ranges, HekiKdataType.RevocationCerts, revokedLength, out bool ok2);
        byte[] blocklist = Copy(ranges, HekiKdataType.BlocklistHashes, blockLength, out bool ok3);
        byte[] info = Copy(ranges, HekiKdataType.KernelInfo, infoLength, out bool ok4);
        byte[] data = Copy(ranges, HekiKdataType.KernelData, dataLength, out bool ok5);
        byte[] patch = Copy(ranges, HekiKdataType.PatchInfo, patchLength, out bool ok6);
        byte[] trampoline = Copy(ranges, HekiKdataType.KexecTrampoline, trampolineLength, out bool ok7);
        if (!(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7))
        {
            return LinuxErrno.EFAULT;
        }

        KernelDataImage? image = null;
        KernelSymbolTable? symbols = null;
        if (dataLength != 0)
        {
            LinuxErrno e = KernelDataImage.TryBuild(ranges, data, out image);
            if (e != 0)
            {
                return e;
            }

            HekiKernelInfo.TryRead(info, out HekiKernelInfo kinfo);
            e = KernelSymbolTable.TryBuild(in kinfo, image!, KdataLimits.MaxSymbols, out symbols);
            if (e != 0)
            {
                return e;
            }
        }

        if (_keys is not null)
        {
            // The sink stages the keys and publishes them only with Commit below (all-or-nothing).
            int k = _keys.Stage(certs, revoked, blocklist);
            if (k != 0)
            {
                return (LinuxErrno)k;
            }

            _keys.Commit();
        }

        _store.Commit(certs, revoked, blocklist, image, symbols, patch, trampoline);
        return 0;
    }

    private byte[] Copy(ReadOnlySpan<HekiRange> ranges, HekiKdataType type, int length, out bool ok)
    {
        if (length == 0)
        {
            ok = true;
            return Array.Empty<byte>();
        }

        byte[] bytes = new byte[length];
        ok = RangeBytes.TryCopy(_memory, ranges, (ulong)type, bytes);
        return bytes;
    }
}
