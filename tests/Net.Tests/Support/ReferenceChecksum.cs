namespace Minnow.Net.Tests.Support;

/// <summary>RFC 1071's checksum written the obvious way (big-endian 16-bit words), to check the fast one against.</summary>
public static class ReferenceChecksum
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (int i = 0; i < data.Length; i += 2)
        {
            int word = data[i] << 8;
            if (i + 1 < data.Length)
            {
                word |= data[i + 1];
            }
            sum += (uint)word;
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
