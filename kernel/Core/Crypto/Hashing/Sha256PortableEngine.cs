using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// The portable SHA-256 compression function in C#: the default engine, and the one every
/// platform can fall back to. Constant time: no data-dependent branches or table indexes.
/// </summary>
public sealed class Sha256PortableEngine : ISha256BlockEngine
{
    /// <inheritdoc/>
    public string Name => "portable C#";

    /// <summary>
    /// Processes whole 64-byte blocks (FIPS 180-4 §6.2.2). The 64 rounds are fully unrolled
    /// (generated) with the working variables renamed instead of moved and the §4.2.2 constants
    /// inlined, so the state stays in registers.
    /// </summary>
    public unsafe void Compress(ref Sha256State s, ReadOnlySpan<byte> blocks)
    {
        uint a = s.A, b = s.B, c = s.C, d = s.D, e = s.E, f = s.F, g = s.G, h = s.H;
        uint* w = stackalloc uint[64];
        // SAFETY: blocks is pinned for the loop; reads stay within whole 64-byte blocks of the
        // input (loop bound) and w is indexed only with constants or i in [16, 64).
        fixed (byte* input = blocks)
        {
            for (int offset = 0; offset + Sha256.BlockSize <= blocks.Length; offset += Sha256.BlockSize)
            {
                byte* p = input + offset;
                for (int i = 0; i < 16; i++)
                {
                    w[i] = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(p + 4 * i));
                }

                for (int i = 16; i < 64; i++)
                {
                    uint x = w[i - 15], y = w[i - 2];
                    w[i] = (BitOperations.RotateRight(y, 17) ^ BitOperations.RotateRight(y, 19) ^ (y >> 10)) + w[i - 7]
                        + (BitOperations.RotateRight(x, 7) ^ BitOperations.RotateRight(x, 18) ^ (x >> 3)) + w[i - 16];
                }

                uint a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = h;
                uint t, ab, bc = b ^ c;
                t = (h + 0x428a2f98u + w[0]) + ((BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + (g ^ (e & (f ^ g))));
                d += t;
                h = t + ((BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + (b ^ ((ab = a ^ b) & bc)));
                bc = ab;
                t = (g + 0x71374491u + w[1]) + ((BitOperations.RotateRight(d, 6) ^ BitOperations.RotateRight(d, 11) ^ BitOperations.RotateRight(d, 25)) + (f ^ (d & (e ^ f))));
                c += t;
                g = t + ((BitOperations.RotateRight(h, 2) ^ BitOperations.RotateRight(h, 13) ^ BitOperations.RotateRight(h, 22)) + (a ^ ((ab = h ^ a) & bc)));
                bc = ab;
                t = (f + 0xb5c0fbcfu + w[2]) + ((BitOperations.RotateRight(c, 6) ^ BitOperations.RotateRight(c, 11) ^ BitOperations.RotateRight(c, 25)) + (e ^ (c & (d ^ e))));
                b += t;
                f = t + ((BitOperations.RotateRight(g, 2) ^ BitOperations.RotateRight(g, 13) ^ BitOperations.RotateRight(g, 22)) + (h ^ ((ab = g ^ h) & bc)));
                bc = ab;
                t = (e + 0xe9b5dba5u + w[3]) + ((BitOperations.RotateRight(b, 6) ^ BitOperations.RotateRight(b, 11) ^ BitOperations.RotateRight(b, 25)) + (d ^ (b & (c ^ d))));
                a += t;
                e = t + ((BitOperations.RotateRight(f, 2) ^ BitOperations.RotateRight(f, 13) ^ BitOperations.RotateRight(f, 22)) + (g ^ ((ab = f ^ g) & bc)));
                bc = ab;
                t = (d + 0x3956c25bu + w[4]) + ((BitOperations.RotateRight(a, 6) ^ BitOperations.RotateRight(a, 11) ^ BitOperations.RotateRight(a, 25)) + (c ^ (a & (b ^ c))));
                h += t;
                d = t + ((BitOperations.RotateRight(e, 2) ^ BitOperations.RotateRight(e, 13) ^ BitOperations.RotateRight(e, 22)) + (f ^ ((ab = e ^ f) & bc)));
                bc = ab;
                t = (c + 0x59f111f1u + w[5]) + ((BitOperations.RotateRight(h, 6) ^ BitOperations.RotateRight(h, 11) ^ BitOperations.RotateRight(h, 25)) + (b ^ (h & (a ^ b))));
                g += t;
                c = t + ((BitOperations.RotateRight(d, 2) ^ BitOperations.RotateRight(d, 13) ^ BitOperations.RotateRight(d, 22)) + (e ^ ((ab = d ^ e) & bc)));
                bc = ab;
                t = (b + 0x923f82a4u + w[6]) + ((BitOperations.RotateRight(g, 6) ^ BitOperations.RotateRight(g, 11) ^ BitOperations.RotateRight(g, 25)) + (a ^ (g & (h ^ a))));
                f += t;
                b = t + ((BitOperations.RotateRight(c, 2) ^ BitOperations.RotateRight(c, 13) ^ BitOperations.RotateRight(c, 22)) + (d ^ ((ab = c ^ d) & bc)));
                bc = ab;
                t = (a + 0xab1c5ed5u + w[7]) + ((BitOperations.RotateRight(f, 6) ^ BitOperations.RotateRight(f, 11) ^ BitOperations.RotateRight(f, 25)) + (h ^ (f & (g ^ h))));
                e += t;
                a = t + ((BitOperations.RotateRight(b, 2) ^ BitOperations.RotateRight(b, 13) ^ BitOperations.RotateRight(b, 22)) + (c ^ ((ab = b ^ c) & bc)));
                bc = ab;
                t = (h + 0xd807aa98u + w[8]) + ((BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + (g ^ (e & (f ^ g))));
                d += t;
                h = t + ((BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + (b ^ ((ab = a ^ b) & bc)));
                bc = ab;
                t = (g + 0x12835b01u + w[9]) + ((BitOperations.RotateRight(d, 6) ^ BitOperations.RotateRight(d, 11) ^ BitOperations.RotateRight(d, 25)) + (f ^ (d & (e ^ f))));
                c += t;
                g = t + ((BitOperations.RotateRight(h, 2) ^ BitOperations.RotateRight(h, 13) ^ BitOperations.RotateRight(h, 22)) + (a ^ ((ab = h ^ a) & bc)));
                bc = ab;
                t = (f + 0x243185beu + w[10]) + ((BitOperations.RotateRight(c, 6) ^ BitOperations.RotateRight(c, 11) ^ BitOperations.RotateRight(c, 25)) + (e ^ (c & (d ^ e))));
                b += t;
                f = t + ((BitOperations.RotateRight(g, 2) ^ BitOperations.RotateRight(g, 13) ^ BitOperations.RotateRight(g, 22)) + (h ^ ((ab = g ^ h) & bc)));
                bc = ab;
                t = (e + 0x550c7dc3u + w[11]) + ((BitOperations.RotateRight(b, 6) ^ BitOperations.RotateRight(b, 11) ^ BitOperations.RotateRight(b, 25)) + (d ^ (b & (c ^ d))));
                a += t;
                e = t + ((BitOperations.RotateRight(f, 2) ^ BitOperations.RotateRight(f, 13) ^ BitOperations.RotateRight(f, 22)) + (g ^ ((ab = f ^ g) & bc)));
                bc = ab;
                t = (d + 0x72be5d74u + w[12]) + ((BitOperations.RotateRight(a, 6) ^ BitOperations.RotateRight(a, 11) ^ BitOperations.RotateRight(a, 25)) + (c ^ (a & (b ^ c))));
                h += t;
                d = t + ((BitOperations.RotateRight(e, 2) ^ BitOperations.RotateRight(e, 13) ^ BitOperations.RotateRight(e, 22)) + (f ^ ((ab = e ^ f) & bc)));
                bc = ab;
                t = (c + 0x80deb1feu + w[13]) + ((BitOperations.RotateRight(h, 6) ^ BitOperations.RotateRight(h, 11) ^ BitOperations.RotateRight(h, 25)) + (b ^ (h & (a ^ b))));
                g += t;
                c = t + ((BitOperations.RotateRight(d, 2) ^ BitOperations.RotateRight(d, 13) ^ BitOperations.RotateRight(d, 22)) + (e ^ ((ab = d ^ e) & bc)));
                bc = ab;
                t = (b + 0x9bdc06a7u + w[14]) + ((BitOperations.RotateRight(g, 6) ^ BitOperations.RotateRight(g, 11) ^ BitOperations.RotateRight(g, 25)) + (a ^ (g & (h ^ a))));
                f += t;
                b = t + ((BitOperations.RotateRight(c, 2) ^ BitOperations.RotateRight(c, 13) ^ BitOperations.RotateRight(c, 22)) + (d ^ ((ab = c ^ d) & bc)));
                bc = ab;
                t = (a + 0xc19bf174u + w[15]) + ((BitOperations.RotateRight(f, 6) ^ BitOperations.RotateRight(f, 11) ^ BitOperations.RotateRight(f, 25)) + (h ^ (f & (g ^ h))));
                e += t;
                a = t + ((BitOperations.RotateRight(b, 2) ^ BitOperations.RotateRight(b, 13) ^ BitOperations.RotateRight(b, 22)) + (c ^ ((ab = b ^ c) & bc)));
                bc = ab;
                t = (h + 0xe49b69c1u + w[16]) + ((BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + (g ^ (e & (f ^ g))));
                d += t;
                h = t + ((BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + (b ^ ((ab = a ^ b) & bc)));
                bc = ab;
                t = (g + 0xefbe4786u + w[17]) + ((BitOperations.RotateRight(d, 6) ^ BitOperations.RotateRight(d, 11) ^ BitOperations.RotateRight(d, 25)) + (f ^ (d & (e ^ f))));
                c += t;
                g = t + ((BitOperations.RotateRight(h, 2) ^ BitOperations.RotateRight(h, 13) ^ BitOperations.RotateRight(h, 22)) + (a ^ ((ab = h ^ a) & bc)));
                bc = ab;
                t = (f + 0x0fc19dc6u + w[18]) + ((BitOperations.RotateRight(c, 6) ^ BitOperations.RotateRight(c, 11) ^ BitOperations.RotateRight(c, 25)) + (e ^ (c & (d ^ e))));
                b += t;
                f = t + ((BitOperations.RotateRight(g, 2) ^ BitOperations.RotateRight(g, 13) ^ BitOperations.RotateRight(g, 22)) + (h ^ ((ab = g ^ h) & bc)));
                bc = ab;
                t = (e + 0x240ca1ccu + w[19]) + ((BitOperations.RotateRight(b, 6) ^ BitOperations.RotateRight(b, 11) ^ BitOperations.RotateRight(b, 25)) + (d ^ (b & (c ^ d))));
                a += t;
                e = t + ((BitOperations.RotateRight(f, 2) ^ BitOperations.RotateRight(f, 13) ^ BitOperations.RotateRight(f, 22)) + (g ^ ((ab = f ^ g) & bc)));
                bc = ab;
                t = (d + 0x2de92c6fu + w[20]) + ((BitOperations.RotateRight(a, 6) ^ BitOperations.RotateRight(a, 11) ^ BitOperations.RotateRight(a, 25)) + (c ^ (a & (b ^ c))));
                h += t;
                d = t + ((BitOperations.RotateRight(e, 2) ^ BitOperations.RotateRight(e, 13) ^ BitOperations.RotateRight(e, 22)) + (f ^ ((ab = e ^ f) & bc)));
                bc = ab;
                t = (c + 0x4a7484aau + w[21]) + ((BitOperations.RotateRight(h, 6) ^ BitOperations.RotateRight(h, 11) ^ BitOperations.RotateRight(h, 25)) + (b ^ (h & (a ^ b))));
                g += t;
                c = t + ((BitOperations.RotateRight(d, 2) ^ BitOperations.RotateRight(d, 13) ^ BitOperations.RotateRight(d, 22)) + (e ^ ((ab = d ^ e) & bc)));
                bc = ab;
                t = (b + 0x5cb0a9dcu + w[22]) + ((BitOperations.RotateRight(g, 6) ^ BitOperations.RotateRight(g, 11) ^ BitOperations.RotateRight(g, 25)) + (a ^ (g & (h ^ a))));
                f += t;
                b = t + ((BitOperations.RotateRight(c, 2) ^ BitOperations.RotateRight(c, 13) ^ BitOperations.RotateRight(c, 22)) + (d ^ ((ab = c ^ d) & bc)));
                bc = ab;
                t = (a + 0x76f988dau + w[23]) + ((BitOperations.RotateRight(f, 6) ^ BitOperations.RotateRight(f, 11) ^ BitOperations.RotateRight(f, 25)) + (h ^ (f & (g ^ h))));
                e += t;
                a = t + ((BitOperations.RotateRight(b, 2) ^ BitOperations.RotateRight(b, 13) ^ BitOperations.RotateRight(b, 22)) + (c ^ ((ab = b ^ c) & bc)));
                bc = ab;
                t = (h + 0x983e5152u + w[24]) + ((BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + (g ^ (e & (f ^ g))));
                d += t;
                h = t + ((BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + (b ^ ((ab = a ^ b) & bc)));
                bc = ab;
                t = (g + 0xa831c66du + w[25]) + ((BitOperations.RotateRight(d, 6) ^ BitOperations.RotateRight(d, 11) ^ BitOperations.RotateRight(d, 25)) + (f ^ (d & (e ^ f))));
                c += t;
                g = t + ((BitOperations.RotateRight(h, 2) ^ BitOperations.RotateRight(h, 13) ^ BitOperations.RotateRight(h, 22)) + (a ^ ((ab = h ^ a) & bc)));
                bc = ab;
                t = (f + 0xb00327c8u + w[26]) + ((BitOperations.RotateRight(c, 6) ^ BitOperations.RotateRight(c, 11) ^ BitOperations.RotateRight(c, 25)) + (e ^ (c & (d ^ e))));
                b += t;
                f = t + ((BitOperations.RotateRight(g, 2) ^ BitOperations.RotateRight(g, 13) ^ BitOperations.RotateRight(g, 22)) + (h ^ ((ab = g ^ h) & bc)));
                bc = ab;
                t = (e + 0xbf597fc7u + w[27]) + ((BitOperations.RotateRight(b, 6) ^ BitOperations.RotateRight(b, 11) ^ BitOperations.RotateRight(b, 25)) + (d ^ (b & (c ^ d))));
                a += t;
                e = t + ((BitOperations.RotateRight(f, 2) ^ BitOperations.RotateRight(f, 13) ^ BitOperations.RotateRight(f, 22)) + (g ^ ((ab = f ^ g) & bc)));
                bc = ab;
                t = (d + 0xc6e00bf3u + w[28]) + ((BitOperations.RotateRight(a, 6) ^ BitOperations.RotateRight(a, 11) ^ BitOperations.RotateRight(a, 25)) + (c ^ (a & (b ^ c))));
                h += t;
                d = t + ((BitOperations.RotateRight(e, 2) ^ BitOperations.RotateRight(e, 13) ^ BitOperations.RotateRight(e, 22)) + (f ^ ((ab = e ^ f) & bc)));
                bc = ab;
                t = (c + 0xd5a79147u + w[29]) + ((BitOperations.RotateRight(h, 6) ^ BitOperations.RotateRight(h, 11) ^ BitOperations.RotateRight(h, 25)) + (b ^ (h & (a ^ b))));
                g += t;
                c = t + ((BitOperations.RotateRight(d, 2) ^ BitOperations.RotateRight(d, 13) ^ BitOperations.RotateRight(d, 22)) + (e ^ ((ab = d ^ e) & bc)));
                bc = ab;
                t = (b + 0x06ca6351u + w[30]) + ((BitOperations.RotateRight(g, 6) ^ BitOperations.RotateRight(g, 11) ^ BitOperations.RotateRight(g, 25)) + (a ^ (g & (h ^ a))));
                f += t;
                b = t + ((BitOperations.RotateRight(c, 2) ^ BitOperations.RotateRight(c, 13) ^ BitOperations.RotateRight(c, 22)) + (d ^ ((ab = c ^ d) & bc)));
                bc = ab;
                t = (a + 0x14292967u + w[31]) + ((BitOperations.RotateRight(f, 6) ^ BitOperations.RotateRight(f, 11) ^ BitOperations.RotateRight(f, 25)) + (h ^ (f & (g ^ h))));
                e += t;
                a = t + ((BitOperations.RotateRight(b, 2) ^ BitOperations.RotateRight(b, 13) ^ BitOperations.RotateRight(b, 22)) + (c ^ ((ab = b ^ c) & bc)));
                bc = ab;
                t = (h + 0x27b70a85u + w[32]) + ((BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + (g ^ (e & (f ^ g))));
                d += t;
                h = t + ((BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + (b ^ ((ab = a ^ b) & bc)));
                bc = ab;
                t = (g + 0x2e1b2138u + w[33]) + ((BitOperations.RotateRight(d, 6) ^ BitOperations.RotateRight(d, 11) ^ BitOperations.RotateRight(d, 25)) + (f ^ (d & (e ^ f))));
                c += t;
                g = t + ((BitOperations.RotateRight(h, 2) ^ BitOperations.RotateRight(h, 13) ^ BitOperations.RotateRight(h, 22)) + (a ^ ((ab = h ^ a) & bc)));
                bc = ab;
                t = (f + 0x4d2c6dfcu + w[34]) + ((BitOperations.RotateRight(c, 6) ^ BitOperations.RotateRight(c, 11) ^ BitOperations.RotateRight(c, 25)) + (e ^ (c & (d ^ e))));
                b += t;
                f = t + ((BitOperations.RotateRight(g, 2) ^ BitOperations.RotateRight(g, 13) ^ BitOperations.RotateRight(g, 22)) + (h ^ ((ab = g ^ h) & bc)));
                bc = ab;
                t = (e + 0x53380d13u + w[35]) + ((BitOperations.RotateRight(b, 6) ^ BitOperations.RotateRight(b, 11) ^ BitOperations.RotateRight(b, 25)) + (d ^ (b & (c ^ d))));
                a += t;
                e = t + ((BitOperations.RotateRight(f, 2) ^ BitOperations.RotateRight(f, 13) ^ BitOperations.RotateRight(f, 22)) + (g ^ ((ab = f ^ g) & bc)));
                bc = ab;
                t = (d + 0x650a7354u + w[36]) + ((BitOperations.RotateRight(a, 6) ^ BitOperations.RotateRight(a, 11) ^ BitOperations.RotateRight(a, 25)) + (c ^ (a & (b ^ c))));
                h += t;
                d = t + ((BitOperations.RotateRight(e, 2) ^ BitOperations.RotateRight(e, 13) ^ BitOperations.RotateRight(e, 22)) + (f ^ ((ab = e ^ f) & bc)));
                bc = ab;
                t = (c + 0x766a0abbu + w[37]) + ((BitOperations.RotateRight(h, 6) ^ BitOperations.RotateRight(h, 11) ^ BitOperations.RotateRight(h, 25)) + (b ^ (h & (a ^ b))));
                g += t;
                c = t + ((BitOperations.RotateRight(d, 2) ^ BitOperations.RotateRight(d, 13) ^ BitOperations.RotateRight(d, 22)) + (e ^ ((ab = d ^ e) & bc)));
                bc = ab;
                t = (b + 0x81c2c92eu + w[38]) + ((BitOperations.RotateRight(g, 6) ^ BitOperations.RotateRight(g, 11) ^ BitOperations.RotateRight(g, 25)) + (a ^ (g & (h ^ a))));
                f += t;
                b = t + ((BitOperations.RotateRight(c, 2) ^ BitOperations.RotateRight(c, 13) ^ BitOperations.RotateRight(c, 22)) + (d ^ ((ab = c ^ d) & bc)));
                bc = ab;
                t = (a + 0x92722c85u + w[39]) + ((BitOperations.RotateRight(f, 6) ^ BitOperations.RotateRight(f, 11) ^ BitOperations.RotateRight(f, 25)) + (h ^ (f & (g ^ h))));
                e += t;
                a = t + ((BitOperations.RotateRight(b, 2) ^ BitOperations.RotateRight(b, 13) ^ BitOperations.RotateRight(b, 22)) + (c ^ ((ab = b ^ c) & bc)));
                bc = ab;
                t = (h + 0xa2bfe8a1u + w[40]) + ((BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + (g ^ (e & (f ^ g))));
                d += t;
                h = t + ((BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + (b ^ ((ab = a ^ b) & bc)));
                bc = ab;
                t = (g + 0xa81a664bu + w[41]) + ((BitOperations.RotateRight(d, 6) ^ BitOperations.RotateRight(d, 11) ^ BitOperations.RotateRight(d, 25)) + (f ^ (d & (e ^ f))));
                c += t;
                g = t + ((BitOperations.RotateRight(h, 2) ^ BitOperations.RotateRight(h, 13) ^ BitOperations.RotateRight(h, 22)) + (a ^ ((ab = h ^ a) & bc)));
                bc = ab;
                t = (f + 0xc24b8b70u + w[42]) + ((BitOperations.RotateRight(c, 6) ^ BitOperations.RotateRight(c, 11) ^ BitOperations.RotateRight(c, 25)) + (e ^ (c & (d ^ e))));
                b += t;
                f = t + ((BitOperations.RotateRight(g, 2) ^ BitOperations.RotateRight(g, 13) ^ BitOperations.RotateRight(g, 22)) + (h ^ ((ab = g ^ h) & bc)));
                bc = ab;
                t = (e + 0xc76c51a3u + w[43]) + ((BitOperations.RotateRight(b, 6) ^ BitOperations.RotateRight(b, 11) ^ BitOperations.RotateRight(b, 25)) + (d ^ (b & (c ^ d))));
                a += t;
                e = t + ((BitOperations.RotateRight(f, 2) ^ BitOperations.RotateRight(f, 13) ^ BitOperations.RotateRight(f, 22)) + (g ^ ((ab = f ^ g) & bc)));
                bc = ab;
                t = (d + 0xd192e819u + w[44]) + ((BitOperations.RotateRight(a, 6) ^ BitOperations.RotateRight(a, 11) ^ BitOperations.RotateRight(a, 25)) + (c ^ (a & (b ^ c))));
                h += t;
                d = t + ((BitOperations.RotateRight(e, 2) ^ BitOperations.RotateRight(e, 13) ^ BitOperations.RotateRight(e, 22)) + (f ^ ((ab = e ^ f) & bc)));
                bc = ab;
                t = (c + 0xd6990624u + w[45]) + ((BitOperations.RotateRight(h, 6) ^ BitOperations.RotateRight(h, 11) ^ BitOperations.RotateRight(h, 25)) + (b ^ (h & (a ^ b))));
                g += t;
                c = t + ((BitOperations.RotateRight(d, 2) ^ BitOperations.RotateRight(d, 13) ^ BitOperations.RotateRight(d, 22)) + (e ^ ((ab = d ^ e) & bc)));
                bc = ab;
                t = (b + 0xf40e3585u + w[46]) + ((BitOperations.RotateRight(g, 6) ^ BitOperations.RotateRight(g, 11) ^ BitOperations.RotateRight(g, 25)) + (a ^ (g & (h ^ a))));
                f += t;
                b = t + ((BitOperations.RotateRight(c, 2) ^ BitOperations.RotateRight(c, 13) ^ BitOperations.RotateRight(c, 22)) + (d ^ ((ab = c ^ d) & bc)));
                bc = ab;
                t = (a + 0x106aa070u + w[47]) + ((BitOperations.RotateRight(f, 6) ^ BitOperations.RotateRight(f, 11) ^ BitOperations.RotateRight(f, 25)) + (h ^ (f & (g ^ h))));
                e += t;
                a = t + ((BitOperations.RotateRight(b, 2) ^ BitOperations.RotateRight(b, 13) ^ BitOperations.RotateRight(b, 22)) + (c ^ ((ab = b ^ c) & bc)));
                bc = ab;
                t = (h + 0x19a4c116u + w[48]) + ((BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + (g ^ (e & (f ^ g))));
                d += t;
                h = t + ((BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + (b ^ ((ab = a ^ b) & bc)));
                bc = ab;
                t = (g + 0x1e376c08u + w[49]) + ((BitOperations.RotateRight(d, 6) ^ BitOperations.RotateRight(d, 11) ^ BitOperations.RotateRight(d, 25)) + (f ^ (d & (e ^ f))));
                c += t;
                g = t + ((BitOperations.RotateRight(h, 2) ^ BitOperations.RotateRight(h, 13) ^ BitOperations.RotateRight(h, 22)) + (a ^ ((ab = h ^ a) & bc)));
                bc = ab;
                t = (f + 0x2748774cu + w[50]) + ((BitOperations.RotateRight(c, 6) ^ BitOperations.RotateRight(c, 11) ^ BitOperations.RotateRight(c, 25)) + (e ^ (c & (d ^ e))));
                b += t;
                f = t + ((BitOperations.RotateRight(g, 2) ^ BitOperations.RotateRight(g, 13) ^ BitOperations.RotateRight(g, 22)) + (h ^ ((ab = g ^ h) & bc)));
                bc = ab;
                t = (e + 0x34b0bcb5u + w[51]) + ((BitOperations.RotateRight(b, 6) ^ BitOperations.RotateRight(b, 11) ^ BitOperations.RotateRight(b, 25)) + (d ^ (b & (c ^ d))));
                a += t;
                e = t + ((BitOperations.RotateRight(f, 2) ^ BitOperations.RotateRight(f, 13) ^ BitOperations.RotateRight(f, 22)) + (g ^ ((ab = f ^ g) & bc)));
                bc = ab;
                t = (d + 0x391c0cb3u + w[52]) + ((BitOperations.RotateRight(a, 6) ^ BitOperations.RotateRight(a, 11) ^ BitOperations.RotateRight(a, 25)) + (c ^ (a & (b ^ c))));
                h += t;
                d = t + ((BitOperations.RotateRight(e, 2) ^ BitOperations.RotateRight(e, 13) ^ BitOperations.RotateRight(e, 22)) + (f ^ ((ab = e ^ f) & bc)));
                bc = ab;
                t = (c + 0x4ed8aa4au + w[53]) + ((BitOperations.RotateRight(h, 6) ^ BitOperations.RotateRight(h, 11) ^ BitOperations.RotateRight(h, 25)) + (b ^ (h & (a ^ b))));
                g += t;
                c = t + ((BitOperations.RotateRight(d, 2) ^ BitOperations.RotateRight(d, 13) ^ BitOperations.RotateRight(d, 22)) + (e ^ ((ab = d ^ e) & bc)));
                bc = ab;
                t = (b + 0x5b9cca4fu + w[54]) + ((BitOperations.RotateRight(g, 6) ^ BitOperations.RotateRight(g, 11) ^ BitOperations.RotateRight(g, 25)) + (a ^ (g & (h ^ a))));
                f += t;
                b = t + ((BitOperations.RotateRight(c, 2) ^ BitOperations.RotateRight(c, 13) ^ BitOperations.RotateRight(c, 22)) + (d ^ ((ab = c ^ d) & bc)));
                bc = ab;
                t = (a + 0x682e6ff3u + w[55]) + ((BitOperations.RotateRight(f, 6) ^ BitOperations.RotateRight(f, 11) ^ BitOperations.RotateRight(f, 25)) + (h ^ (f & (g ^ h))));
                e += t;
                a = t + ((BitOperations.RotateRight(b, 2) ^ BitOperations.RotateRight(b, 13) ^ BitOperations.RotateRight(b, 22)) + (c ^ ((ab = b ^ c) & bc)));
                bc = ab;
                t = (h + 0x748f82eeu + w[56]) + ((BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + (g ^ (e & (f ^ g))));
                d += t;
                h = t + ((BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + (b ^ ((ab = a ^ b) & bc)));
                bc = ab;
                t = (g + 0x78a5636fu + w[57]) + ((BitOperations.RotateRight(d, 6) ^ BitOperations.RotateRight(d, 11) ^ BitOperations.RotateRight(d, 25)) + (f ^ (d & (e ^ f))));
                c += t;
                g = t + ((BitOperations.RotateRight(h, 2) ^ BitOperations.RotateRight(h, 13) ^ BitOperations.RotateRight(h, 22)) + (a ^ ((ab = h ^ a) & bc)));
                bc = ab;
                t = (f + 0x84c87814u + w[58]) + ((BitOperations.RotateRight(c, 6) ^ BitOperations.RotateRight(c, 11) ^ BitOperations.RotateRight(c, 25)) + (e ^ (c & (d ^ e))));
                b += t;
                f = t + ((BitOperations.RotateRight(g, 2) ^ BitOperations.RotateRight(g, 13) ^ BitOperations.RotateRight(g, 22)) + (h ^ ((ab = g ^ h) & bc)));
                bc = ab;
                t = (e + 0x8cc70208u + w[59]) + ((BitOperations.RotateRight(b, 6) ^ BitOperations.RotateRight(b, 11) ^ BitOperations.RotateRight(b, 25)) + (d ^ (b & (c ^ d))));
                a += t;
                e = t + ((BitOperations.RotateRight(f, 2) ^ BitOperations.RotateRight(f, 13) ^ BitOperations.RotateRight(f, 22)) + (g ^ ((ab = f ^ g) & bc)));
                bc = ab;
                t = (d + 0x90befffau + w[60]) + ((BitOperations.RotateRight(a, 6) ^ BitOperations.RotateRight(a, 11) ^ BitOperations.RotateRight(a, 25)) + (c ^ (a & (b ^ c))));
                h += t;
                d = t + ((BitOperations.RotateRight(e, 2) ^ BitOperations.RotateRight(e, 13) ^ BitOperations.RotateRight(e, 22)) + (f ^ ((ab = e ^ f) & bc)));
                bc = ab;
                t = (c + 0xa4506cebu + w[61]) + ((BitOperations.RotateRight(h, 6) ^ BitOperations.RotateRight(h, 11) ^ BitOperations.RotateRight(h, 25)) + (b ^ (h & (a ^ b))));
                g += t;
                c = t + ((BitOperations.RotateRight(d, 2) ^ BitOperations.RotateRight(d, 13) ^ BitOperations.RotateRight(d, 22)) + (e ^ ((ab = d ^ e) & bc)));
                bc = ab;
                t = (b + 0xbef9a3f7u + w[62]) + ((BitOperations.RotateRight(g, 6) ^ BitOperations.RotateRight(g, 11) ^ BitOperations.RotateRight(g, 25)) + (a ^ (g & (h ^ a))));
                f += t;
                b = t + ((BitOperations.RotateRight(c, 2) ^ BitOperations.RotateRight(c, 13) ^ BitOperations.RotateRight(c, 22)) + (d ^ ((ab = c ^ d) & bc)));
                bc = ab;
                t = (a + 0xc67178f2u + w[63]) + ((BitOperations.RotateRight(f, 6) ^ BitOperations.RotateRight(f, 11) ^ BitOperations.RotateRight(f, 25)) + (h ^ (f & (g ^ h))));
                e += t;
                a = t + ((BitOperations.RotateRight(b, 2) ^ BitOperations.RotateRight(b, 13) ^ BitOperations.RotateRight(b, 22)) + (c ^ ((ab = b ^ c) & bc)));
                bc = ab;

                a += a0; b += b0; c += c0; d += d0; e += e0; f += f0; g += g0; h += h0;
            }
        }

        s.A = a; s.B = b; s.C = c; s.D = d; s.E = e; s.F = f; s.G = g; s.H = h;
    }
}
