using System;

namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// Copy in/out of lower-VTL guest physical memory. Implementations check every request with
/// <see cref="GuestRange.Check"/>: no wrap-around, inside lower-VTL RAM, never touching the
/// higher VTL's own region. A failed copy leaves the destination untouched.
/// </summary>
public interface IGuestMemory
{
    /// <summary>Copies <paramref name="destination"/>.Length bytes starting at <paramref name="gpa"/>.</summary>
    BindingStatus Read(ulong gpa, Span<byte> destination);

    /// <summary>Copies <paramref name="source"/> to lower-VTL memory at <paramref name="gpa"/>.</summary>
    BindingStatus Write(ulong gpa, ReadOnlySpan<byte> source);
}
