using System;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Rsa;
using Lvbs.Kernel.Kexec.Pe;

namespace Lvbs.Kernel.Kexec.Authenticode;

/// <summary>
/// The Authenticode image hash ("Windows Authenticode Portable Executable Signature Format",
/// "Calculating the PE Image Hash"), in the exact order of Linux 6.1
/// <c>pefile_digest_pe_contents</c>: the headers up to SizeOfHeaders without the CheckSum field
/// and the Certificate Table directory entry; then every section with raw data, in the order of
/// <see cref="PeSectionHeader.Compare"/> (PointerToRawData first); then, if the file is longer
/// than SUM_OF_BYTES_HASHED, the bytes from that offset up to file size − certificate table
/// size. The attribute certificate table itself is never hashed.
/// </summary>
public static class AuthenticodeDigest
{
    /// <summary>
    /// Hashes image (already accepted by <see cref="PeImage.TryParse"/> as pe) with algorithm
    /// into destination (at least the digest size). False for an algorithm the kernel has no
    /// hash for.
    /// </summary>
    public static bool TryCompute(ReadOnlySpan<byte> image, in PeImage pe, DigestAlgorithm algorithm, Span<byte> destination)
    {
        switch (algorithm)
        {
            case DigestAlgorithm.Sha256:
                Compute<Sha256>(image, pe, destination);
                return true;
            case DigestAlgorithm.Sha384:
                Compute<Sha384>(image, pe, destination);
                return true;
            case DigestAlgorithm.Sha512:
                Compute<Sha512>(image, pe, destination);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Writes the canonical section order (indexes into the section table) into order, which
    /// holds at least <see cref="PeImage.SectionCount"/> entries: a stable insertion sort, as
    /// Linux canonicalises the table (at most <see cref="PeImage.MaxSections"/> entries).
    /// </summary>
    public static void CanonicalOrder(ReadOnlySpan<byte> image, in PeImage pe, Span<int> order)
    {
        for (int loop = 0; loop < pe.SectionCount; loop++)
        {
            PeSectionHeader current = pe.Section(image, loop);
            int i = loop;
            while (i > 0 && PeSectionHeader.Compare(pe.Section(image, order[i - 1]), current) > 0)
            {
                order[i] = order[i - 1];
                i--;
            }
            order[i] = loop;
        }
    }

    private static void Compute<THash>(ReadOnlySpan<byte> image, in PeImage pe, Span<byte> destination)
        where THash : struct, IHashFunction
    {
        THash h = default;
        h.Reset();
        int checksumEnd = pe.CheckSumOffset + 4;
        int dirEnd = pe.CertificateDirectoryOffset + PeImage.DataDirectorySize;
        h.Append(image.Slice(0, pe.CheckSumOffset));
        h.Append(image.Slice(checksumEnd, pe.CertificateDirectoryOffset - checksumEnd));
        h.Append(image.Slice(dirEnd, pe.SizeOfHeaders - dirEnd));

        Span<int> order = stackalloc int[PeImage.MaxSections];
        CanonicalOrder(image, pe, order);
        for (int k = 0; k < pe.SectionCount; k++)
        {
            PeSectionHeader s = pe.Section(image, order[k]);
            if (s.SizeOfRawData != 0)
            {
                h.Append(image.Slice((int)s.PointerToRawData, (int)s.SizeOfRawData));
            }
        }
        int trailing = pe.TrailingLength;
        if (trailing > 0)
        {
            h.Append(image.Slice((int)pe.SumOfBytesHashed, trailing));
        }
        h.Finish(destination);
        h.Clear();
    }
}
