using System.Buffers.Binary;

namespace Minnow.Net.Tests.Support;

/// <summary>Reads the frames of a classic little-endian libpcap file (what tcpdump -w writes).</summary>
public static class PcapReader
{
    public static List<byte[]> ReadFrames(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        Assert.Equal(0xa1b2c3d4u, BinaryPrimitives.ReadUInt32LittleEndian(file));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20))); // Ethernet
        var frames = new List<byte[]>();
        for (int offset = 24; offset + 16 <= file.Length;)
        {
            int captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8));
            frames.Add(file.AsSpan(offset + 16, captured).ToArray());
            offset += 16 + captured;
        }
        return frames;
    }
}
