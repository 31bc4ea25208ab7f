using System.Buffers.Binary;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Support;

/// <summary>
/// Recomputes the IPv4 and transport checksums of a (mutated) frame where its lengths allow, so
/// structure-aware fuzzing reaches the protocol logic behind the checksum checks.
/// </summary>
public static class ChecksumFixer
{
    public static void Fix(Span<byte> frame)
    {
        if (EthernetFrame.TryParse(frame, out EthernetFrame ethernet) != EthernetStatus.Ok || ethernet.EtherType != EtherType.Ipv4)
        {
            return;
        }
        Span<byte> packet = frame[ethernet.PayloadOffset..];
        if (packet.Length < 20)
        {
            return;
        }
        int headerLength = (packet[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < 20 || headerLength > packet.Length)
        {
            return;
        }
        packet[10] = 0;
        packet[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet[10..], InternetChecksum.Compute(packet[..headerLength]));
        if (totalLength < headerLength || totalLength > packet.Length)
        {
            return;
        }
        Span<byte> body = packet[headerLength..totalLength];
        var source = Ipv4Address.Read(packet[12..]);
        var destination = Ipv4Address.Read(packet[16..]);
        switch ((IpProtocol)packet[9])
        {
            case IpProtocol.Icmp when body.Length >= 8:
                body[2] = 0;
                body[3] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(body[2..], InternetChecksum.Compute(body));
                break;
            case IpProtocol.Udp when body.Length >= 8:
                int udpLength = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(body[4..]), body.Length);
                if (udpLength >= 8)
                {
                    body[6] = 0;
                    body[7] = 0;
                    ushort sum = InternetChecksum.Finish(InternetChecksum.Accumulate(body[..udpLength], InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, udpLength)));
                    BinaryPrimitives.WriteUInt16BigEndian(body[6..], sum);
                }
                break;
            case IpProtocol.Tcp when body.Length >= 20:
                body[16] = 0;
                body[17] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(body[16..], InternetChecksum.Finish(InternetChecksum.Accumulate(body, InternetChecksum.PseudoHeader(source, destination, IpProtocol.Tcp, body.Length))));
                break;
        }
    }
}
