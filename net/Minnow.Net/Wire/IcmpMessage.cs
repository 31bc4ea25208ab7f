using System.Buffers.Binary;

namespace Minnow.Net.Wire;

/// <summary>
/// The common ICMP header (RFC 792). For echo request/reply the rest-of-header word is the
/// identifier and sequence number.
/// </summary>
public readonly struct IcmpMessage
{
    public const int HeaderLength = 8;
    public const byte EchoReply = 0;
    public const byte DestinationUnreachable = 3;
    public const byte EchoRequest = 8;

    public IcmpMessage(byte type, byte code, ushort identifier, ushort sequence)
    {
        Type = type;
        Code = code;
        Identifier = identifier;
        Sequence = sequence;
    }

    public byte Type { get; }

    public byte Code { get; }

    public ushort Identifier { get; }

    public ushort Sequence { get; }

    /// <summary>Parses a whole ICMP message; its checksum covers header and data.</summary>
    public static IcmpStatus TryParse(ReadOnlySpan<byte> message, out IcmpMessage icmp)
    {
        icmp = default;
        if (message.Length < HeaderLength)
        {
            return IcmpStatus.Truncated;
        }
        if (InternetChecksum.Compute(message) != 0)
        {
            return IcmpStatus.BadChecksum;
        }
        icmp = new IcmpMessage(message[0], message[1], BinaryPrimitives.ReadUInt16BigEndian(message[4..]), BinaryPrimitives.ReadUInt16BigEndian(message[6..]));
        return IcmpStatus.Ok;
    }

    /// <summary>Writes the header over a message whose data already follows it, and checksums the whole.</summary>
    public static void Write(Span<byte> message, byte type, byte code, ushort identifier, ushort sequence)
    {
        message[0] = type;
        message[1] = code;
        message[2] = 0;
        message[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(message[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], sequence);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], InternetChecksum.Compute(message));
    }
}
