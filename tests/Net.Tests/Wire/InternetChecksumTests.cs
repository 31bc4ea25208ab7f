using System.Buffers.Binary;
using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Wire;

public class InternetChecksumTests
{
    [Fact]
    public void Rfc1071Example()
    {
        // RFC 1071 section 3: these bytes sum to ddf2 (ones' complement), so the checksum is 220d.
        byte[] data = Hex.Bytes("0001 f203 f4f5 f6f7");
        Assert.Equal(0x220d, InternetChecksum.Compute(data));
    }

    [Fact]
    public void KnownIpv4HeaderChecksum()
    {
        // A widely quoted capture: 192.168.0.1 -> 192.168.0.199, UDP, checksum b861.
        byte[] header = Hex.Bytes("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        Assert.Equal(0xb861, InternetChecksum.Compute(header));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), 0xb861);
        Assert.Equal(0, InternetChecksum.Compute(header));
    }

    [Fact]
    public void MatchesReferenceForEveryLengthAndRandomContent()
    {
        var random = new Random(1071);
        for (int length = 0; length < 300; length++)
        {
            for (int trial = 0; trial < 20; trial++)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                Assert.Equal(ReferenceChecksum.Compute(data), InternetChecksum.Compute(data));
            }
        }
    }

    [Fact]
    public void EveryCodePathMatchesReferenceWhateverTheHardware()
    {
        // Which path Accumulate takes depends on the CPU; each is checked here directly
        // (Vector128/256 fall back to software where not accelerated, with the same results).
        var random = new Random(2);
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] data = new byte[random.Next(0, 100) * 32];
            random.NextBytes(data);
            ushort expected = ReferenceChecksum.Compute(data);
            Assert.Equal(expected, InternetChecksum.Finish(InternetChecksum.AccumulateVector256(data, 0)));
            Assert.Equal(expected, InternetChecksum.Finish(InternetChecksum.AccumulateVector128(data, 0)));
            Assert.Equal(expected, InternetChecksum.Finish(InternetChecksum.AccumulateScalar(data, 0)));
            byte[] odd = data.AsSpan(0, Math.Max(0, data.Length - random.Next(0, 8))).ToArray();
            Assert.Equal(ReferenceChecksum.Compute(odd), InternetChecksum.Finish(InternetChecksum.AccumulateScalar(odd, 0)));
        }
    }

    [Fact]
    public void AllOnesDataDoesNotOverflowTheAccumulator()
    {
        byte[] data = new byte[1 << 20];
        Array.Fill(data, (byte)0xFF);
        ushort expected = ReferenceChecksum.Compute(data);
        Assert.Equal(expected, InternetChecksum.Compute(data));
        // Past the lane flush interval of each vector path (16384 blocks).
        Assert.Equal(expected, InternetChecksum.Finish(InternetChecksum.AccumulateVector256(data, 0)));
        Assert.Equal(expected, InternetChecksum.Finish(InternetChecksum.AccumulateVector128(data, 0)));
        Assert.Equal(expected, InternetChecksum.Finish(InternetChecksum.AccumulateScalar(data, 0)));
    }

    [Fact]
    public void PseudoHeaderPlusDataEqualsChecksumOfConcatenation()
    {
        var source = new Ipv4Address(10, 0, 0, 1);
        var destination = new Ipv4Address(10, 0, 0, 2);
        byte[] data = Hex.Bytes("1234 5678 0009 0000 41");
        byte[] pseudo = Hex.Bytes("0a000001 0a000002 0011 0009");
        byte[] all = [.. pseudo, .. data];
        ulong sum = InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, 9);
        Assert.Equal(ReferenceChecksum.Compute(all), InternetChecksum.Finish(InternetChecksum.Accumulate(data, sum)));
    }
}
