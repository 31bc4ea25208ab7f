using System.Numerics;

namespace Minnow.Net.Tcp;

/// <summary>
/// SipHash-2-4 (Aumasson and Bernstein) over a fixed 12-byte connection identifier: the keyed
/// pseudo-random function RFC 6528 asks for in initial sequence numbers, so an off-path attacker
/// cannot predict them.
/// </summary>
internal static class SipHash
{
    public static ulong Hash(ulong key0, ulong key1, ulong word0, uint word1)
    {
        ulong v0 = 0x736f6d6570736575UL ^ key0;
        ulong v1 = 0x646f72616e646f6dUL ^ key1;
        ulong v2 = 0x6c7967656e657261UL ^ key0;
        ulong v3 = 0x7465646279746573UL ^ key1;
        Compress(ref v0, ref v1, ref v2, ref v3, word0);
        // The last block: the 4 remaining bytes and the message length (12) in the top byte.
        Compress(ref v0, ref v1, ref v2, ref v3, word1 | (12UL << 56));
        v2 ^= 0xff;
        for (int i = 0; i < 4; i++)
        {
            Round(ref v0, ref v1, ref v2, ref v3);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void Compress(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ulong m)
    {
        v3 ^= m;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= m;
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = BitOperations.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3;
        v3 = BitOperations.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = BitOperations.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = BitOperations.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = BitOperations.RotateLeft(v2, 32);
    }
}
