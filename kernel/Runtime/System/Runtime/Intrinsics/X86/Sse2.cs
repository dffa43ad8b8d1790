using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// SSE2. Members are replaced by the instruction by the JIT (self-calls never run, as in
/// .NET's CoreLib); <c>IsSupported</c> is fixed at compile time by the image's instruction-set baseline.
/// </summary>
[Intrinsic]
public abstract class Sse2 : Sse
{
    internal Sse2() { }

    public static new bool IsSupported { get => IsSupported; }

    public static Vector128<byte> Xor(Vector128<byte> left, Vector128<byte> right) => Xor(left, right);

    public static Vector128<sbyte> Xor(Vector128<sbyte> left, Vector128<sbyte> right) => Xor(left, right);

    public static Vector128<ushort> Xor(Vector128<ushort> left, Vector128<ushort> right) => Xor(left, right);

    public static Vector128<short> Xor(Vector128<short> left, Vector128<short> right) => Xor(left, right);

    public static Vector128<uint> Xor(Vector128<uint> left, Vector128<uint> right) => Xor(left, right);

    public static Vector128<int> Xor(Vector128<int> left, Vector128<int> right) => Xor(left, right);

    public static Vector128<ulong> Xor(Vector128<ulong> left, Vector128<ulong> right) => Xor(left, right);

    public static Vector128<long> Xor(Vector128<long> left, Vector128<long> right) => Xor(left, right);

    public static Vector128<byte> And(Vector128<byte> left, Vector128<byte> right) => And(left, right);

    public static Vector128<uint> And(Vector128<uint> left, Vector128<uint> right) => And(left, right);

    public static Vector128<ulong> And(Vector128<ulong> left, Vector128<ulong> right) => And(left, right);

    public static Vector128<int> And(Vector128<int> left, Vector128<int> right) => And(left, right);

    public static Vector128<long> And(Vector128<long> left, Vector128<long> right) => And(left, right);

    public static Vector128<byte> AndNot(Vector128<byte> left, Vector128<byte> right) => AndNot(left, right);

    public static Vector128<uint> AndNot(Vector128<uint> left, Vector128<uint> right) => AndNot(left, right);

    public static Vector128<ulong> AndNot(Vector128<ulong> left, Vector128<ulong> right) => AndNot(left, right);

    public static Vector128<byte> Or(Vector128<byte> left, Vector128<byte> right) => Or(left, right);

    public static Vector128<uint> Or(Vector128<uint> left, Vector128<uint> right) => Or(left, right);

    public static Vector128<ulong> Or(Vector128<ulong> left, Vector128<ulong> right) => Or(left, right);

    public static Vector128<int> Or(Vector128<int> left, Vector128<int> right) => Or(left, right);

    public static Vector128<long> Or(Vector128<long> left, Vector128<long> right) => Or(left, right);

    public static Vector128<byte> Add(Vector128<byte> left, Vector128<byte> right) => Add(left, right);

    public static Vector128<uint> Add(Vector128<uint> left, Vector128<uint> right) => Add(left, right);

    public static Vector128<ulong> Add(Vector128<ulong> left, Vector128<ulong> right) => Add(left, right);

    public static Vector128<int> Add(Vector128<int> left, Vector128<int> right) => Add(left, right);

    public static Vector128<long> Add(Vector128<long> left, Vector128<long> right) => Add(left, right);

    public static Vector128<uint> Subtract(Vector128<uint> left, Vector128<uint> right) => Subtract(left, right);

    public static Vector128<ulong> Subtract(Vector128<ulong> left, Vector128<ulong> right) => Subtract(left, right);

    public static Vector128<int> Subtract(Vector128<int> left, Vector128<int> right) => Subtract(left, right);

    public static Vector128<long> Subtract(Vector128<long> left, Vector128<long> right) => Subtract(left, right);

    public static Vector128<ushort> ShiftLeftLogical(Vector128<ushort> value, [ConstantExpected] byte count) => ShiftLeftLogical(value, count);

    public static Vector128<uint> ShiftLeftLogical(Vector128<uint> value, [ConstantExpected] byte count) => ShiftLeftLogical(value, count);

    public static Vector128<ulong> ShiftLeftLogical(Vector128<ulong> value, [ConstantExpected] byte count) => ShiftLeftLogical(value, count);

    public static Vector128<int> ShiftLeftLogical(Vector128<int> value, [ConstantExpected] byte count) => ShiftLeftLogical(value, count);

    public static Vector128<long> ShiftLeftLogical(Vector128<long> value, [ConstantExpected] byte count) => ShiftLeftLogical(value, count);

    public static Vector128<ushort> ShiftRightLogical(Vector128<ushort> value, [ConstantExpected] byte count) => ShiftRightLogical(value, count);

    public static Vector128<uint> ShiftRightLogical(Vector128<uint> value, [ConstantExpected] byte count) => ShiftRightLogical(value, count);

    public static Vector128<ulong> ShiftRightLogical(Vector128<ulong> value, [ConstantExpected] byte count) => ShiftRightLogical(value, count);

    public static Vector128<int> ShiftRightLogical(Vector128<int> value, [ConstantExpected] byte count) => ShiftRightLogical(value, count);

    public static Vector128<long> ShiftRightLogical(Vector128<long> value, [ConstantExpected] byte count) => ShiftRightLogical(value, count);

    public static Vector128<byte> ShiftLeftLogical128BitLane(Vector128<byte> value, [ConstantExpected] byte numBytes) => ShiftLeftLogical128BitLane(value, numBytes);

    public static Vector128<uint> ShiftLeftLogical128BitLane(Vector128<uint> value, [ConstantExpected] byte numBytes) => ShiftLeftLogical128BitLane(value, numBytes);

    public static Vector128<ulong> ShiftLeftLogical128BitLane(Vector128<ulong> value, [ConstantExpected] byte numBytes) => ShiftLeftLogical128BitLane(value, numBytes);

    public static Vector128<byte> ShiftRightLogical128BitLane(Vector128<byte> value, [ConstantExpected] byte numBytes) => ShiftRightLogical128BitLane(value, numBytes);

    public static Vector128<uint> ShiftRightLogical128BitLane(Vector128<uint> value, [ConstantExpected] byte numBytes) => ShiftRightLogical128BitLane(value, numBytes);

    public static Vector128<ulong> ShiftRightLogical128BitLane(Vector128<ulong> value, [ConstantExpected] byte numBytes) => ShiftRightLogical128BitLane(value, numBytes);

    public static Vector128<uint> Shuffle(Vector128<uint> value, [ConstantExpected] byte control) => Shuffle(value, control);

    public static Vector128<int> Shuffle(Vector128<int> value, [ConstantExpected] byte control) => Shuffle(value, control);

    public static Vector128<byte> UnpackLow(Vector128<byte> left, Vector128<byte> right) => UnpackLow(left, right);

    public static Vector128<uint> UnpackLow(Vector128<uint> left, Vector128<uint> right) => UnpackLow(left, right);

    public static Vector128<ulong> UnpackLow(Vector128<ulong> left, Vector128<ulong> right) => UnpackLow(left, right);

    public static Vector128<byte> UnpackHigh(Vector128<byte> left, Vector128<byte> right) => UnpackHigh(left, right);

    public static Vector128<uint> UnpackHigh(Vector128<uint> left, Vector128<uint> right) => UnpackHigh(left, right);

    public static Vector128<ulong> UnpackHigh(Vector128<ulong> left, Vector128<ulong> right) => UnpackHigh(left, right);

    public static Vector128<byte> CompareEqual(Vector128<byte> left, Vector128<byte> right) => CompareEqual(left, right);

    public static Vector128<uint> CompareEqual(Vector128<uint> left, Vector128<uint> right) => CompareEqual(left, right);

    public static int MoveMask(Vector128<byte> value) => MoveMask(value);

    public static unsafe Vector128<byte> LoadVector128(byte* address) => LoadVector128(address);

    public static unsafe Vector128<uint> LoadVector128(uint* address) => LoadVector128(address);

    public static unsafe Vector128<ulong> LoadVector128(ulong* address) => LoadVector128(address);

    public static unsafe void Store(byte* address, Vector128<byte> source) => Store(address, source);

    public static unsafe void Store(uint* address, Vector128<uint> source) => Store(address, source);

    public static unsafe void Store(ulong* address, Vector128<ulong> source) => Store(address, source);

    public static Vector128<uint> ConvertScalarToVector128UInt32(uint value) => ConvertScalarToVector128UInt32(value);

    public static Vector128<int> ConvertScalarToVector128Int32(int value) => ConvertScalarToVector128Int32(value);

    public static uint ConvertToUInt32(Vector128<uint> value) => ConvertToUInt32(value);

    /// <summary>The 64-bit-only members.</summary>
    [Intrinsic]
    public new abstract class X64 : Sse.X64
    {
        internal X64() { }

        public static new bool IsSupported { get => IsSupported; }

        public static ulong ConvertToUInt64(Vector128<ulong> value) => ConvertToUInt64(value);

        public static Vector128<ulong> ConvertScalarToVector128UInt64(ulong value) => ConvertScalarToVector128UInt64(value);
    }
}
