using System.Buffers.Binary;

namespace Minnow.Net.Dhcp;

/// <summary>
/// A DHCPv4 message (RFC 2131 section 2, options from RFC 2132): the fields a client needs,
/// parsed from or written to the UDP payload.
/// </summary>
public struct DhcpMessage
{
    public const int FixedLength = 236;
    public const uint MagicCookie = 0x63825363;
    public const byte OpRequest = 1;
    public const byte OpReply = 2;
    public const ushort BroadcastFlag = 0x8000;
    public const int MaxDnsServers = 3;
    /// <summary>BOOTP relays expect at least 300 bytes (RFC 1542 2.1); messages are padded to it.</summary>
    public const int MinimumLength = 300;

    private const byte OptionPad = 0;
    private const byte OptionSubnetMask = 1;
    private const byte OptionRouter = 3;
    private const byte OptionDns = 6;
    private const byte OptionRequestedAddress = 50;
    private const byte OptionLeaseTime = 51;
    private const byte OptionMessageType = 53;
    private const byte OptionServerId = 54;
    private const byte OptionParameterList = 55;
    private const byte OptionMaxMessageSize = 57;
    private const byte OptionRenewalTime = 58;
    private const byte OptionRebindingTime = 59;
    private const byte OptionClientId = 61;
    private const byte OptionEnd = 255;

    private Ipv4Address _dns0;
    private Ipv4Address _dns1;
    private Ipv4Address _dns2;

    public byte Op { get; set; }

    public uint TransactionId { get; set; }

    public ushort Seconds { get; set; }

    public ushort Flags { get; set; }

    public Ipv4Address ClientAddress { get; set; }

    public Ipv4Address YourAddress { get; set; }

    public Ipv4Address ServerAddress { get; set; }

    public MacAddress ClientHardwareAddress { get; set; }

    public DhcpMessageType MessageType { get; set; }

    /// <summary>Option 54; Any when absent.</summary>
    public Ipv4Address ServerIdentifier { get; set; }

    /// <summary>Option 50; Any when absent.</summary>
    public Ipv4Address RequestedAddress { get; set; }

    /// <summary>Option 1; Any when absent.</summary>
    public Ipv4Address SubnetMask { get; set; }

    /// <summary>The first router of option 3; Any when absent.</summary>
    public Ipv4Address Router { get; set; }

    /// <summary>Option 51 in seconds; 0 when absent.</summary>
    public uint LeaseSeconds { get; set; }

    /// <summary>Option 58 (T1) in seconds; 0 when absent.</summary>
    public uint RenewalSeconds { get; set; }

    /// <summary>Option 59 (T2) in seconds; 0 when absent.</summary>
    public uint RebindingSeconds { get; set; }

    public int DnsServerCount { get; private set; }

    public readonly Ipv4Address GetDnsServer(int index) => index switch
    {
        0 => _dns0,
        1 => _dns1,
        2 => _dns2,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public void AddDnsServer(Ipv4Address address)
    {
        switch (DnsServerCount)
        {
            case 0: _dns0 = address; break;
            case 1: _dns1 = address; break;
            case 2: _dns2 = address; break;
            default: return;
        }
        DnsServerCount++;
    }

    public static DhcpStatus TryParse(ReadOnlySpan<byte> payload, out DhcpMessage message)
    {
        message = default;
        if (payload.Length < FixedLength + 4)
        {
            return DhcpStatus.Truncated;
        }
        if (payload[1] != 1 || payload[2] != MacAddress.Length)
        {
            return DhcpStatus.UnsupportedHardware;
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(payload[FixedLength..]) != MagicCookie)
        {
            return DhcpStatus.BadMagicCookie;
        }
        message.Op = payload[0];
        message.TransactionId = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        message.Seconds = BinaryPrimitives.ReadUInt16BigEndian(payload[8..]);
        message.Flags = BinaryPrimitives.ReadUInt16BigEndian(payload[10..]);
        message.ClientAddress = Ipv4Address.Read(payload[12..]);
        message.YourAddress = Ipv4Address.Read(payload[16..]);
        message.ServerAddress = Ipv4Address.Read(payload[20..]);
        message.ClientHardwareAddress = MacAddress.Read(payload[28..]);
        ReadOnlySpan<byte> options = payload[(FixedLength + 4)..];
        int i = 0;
        while (i < options.Length)
        {
            byte code = options[i];
            if (code == OptionEnd)
            {
                break;
            }
            if (code == OptionPad)
            {
                i++;
                continue;
            }
            if (i + 1 >= options.Length || i + 2 + options[i + 1] > options.Length)
            {
                return DhcpStatus.BadOption;
            }
            ReadOnlySpan<byte> value = options.Slice(i + 2, options[i + 1]);
            switch (code)
            {
                case OptionMessageType:
                    if (value.Length != 1)
                    {
                        return DhcpStatus.BadOption;
                    }
                    message.MessageType = (DhcpMessageType)value[0];
                    break;
                case OptionServerId:
                case OptionRequestedAddress:
                case OptionSubnetMask:
                    if (value.Length != 4)
                    {
                        return DhcpStatus.BadOption;
                    }
                    Ipv4Address address = Ipv4Address.Read(value);
                    if (code == OptionServerId)
                    {
                        message.ServerIdentifier = address;
                    }
                    else if (code == OptionRequestedAddress)
                    {
                        message.RequestedAddress = address;
                    }
                    else
                    {
                        message.SubnetMask = address;
                    }
                    break;
                case OptionRouter:
                    if (value.Length < 4 || value.Length % 4 != 0)
                    {
                        return DhcpStatus.BadOption;
                    }
                    message.Router = Ipv4Address.Read(value);
                    break;
                case OptionDns:
                    if (value.Length < 4 || value.Length % 4 != 0)
                    {
                        return DhcpStatus.BadOption;
                    }
                    for (int d = 0; d + 4 <= value.Length; d += 4)
                    {
                        message.AddDnsServer(Ipv4Address.Read(value[d..]));
                    }
                    break;
                case OptionLeaseTime:
                case OptionRenewalTime:
                case OptionRebindingTime:
                    if (value.Length != 4)
                    {
                        return DhcpStatus.BadOption;
                    }
                    uint seconds = BinaryPrimitives.ReadUInt32BigEndian(value);
                    if (code == OptionLeaseTime)
                    {
                        message.LeaseSeconds = seconds;
                    }
                    else if (code == OptionRenewalTime)
                    {
                        message.RenewalSeconds = seconds;
                    }
                    else
                    {
                        message.RebindingSeconds = seconds;
                    }
                    break;
            }
            i += 2 + value.Length;
        }
        return message.MessageType == DhcpMessageType.None ? DhcpStatus.MissingMessageType : DhcpStatus.Ok;
    }

    /// <summary>
    /// Writes a client message: the BOOTP header, then options 53, 61 (client id), 50 and 54 when
    /// set, 57 and 55 (what we want to hear about), and END, padded to <see cref="MinimumLength"/>.
    /// </summary>
    /// <returns>The message length.</returns>
    public readonly int Write(Span<byte> payload)
    {
        payload[..MinimumLength].Clear();
        payload[0] = Op;
        payload[1] = 1;
        payload[2] = MacAddress.Length;
        payload[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(payload[4..], TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(payload[8..], Seconds);
        BinaryPrimitives.WriteUInt16BigEndian(payload[10..], Flags);
        ClientAddress.Write(payload[12..]);
        YourAddress.Write(payload[16..]);
        ServerAddress.Write(payload[20..]);
        ClientHardwareAddress.Write(payload[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(payload[FixedLength..], MagicCookie);
        int i = FixedLength + 4;
        payload[i++] = OptionMessageType;
        payload[i++] = 1;
        payload[i++] = (byte)MessageType;
        payload[i++] = OptionClientId;
        payload[i++] = 7;
        payload[i++] = 1;
        ClientHardwareAddress.Write(payload[i..]);
        i += MacAddress.Length;
        if (!RequestedAddress.IsAny)
        {
            payload[i++] = OptionRequestedAddress;
            payload[i++] = 4;
            RequestedAddress.Write(payload[i..]);
            i += 4;
        }
        if (!ServerIdentifier.IsAny)
        {
            payload[i++] = OptionServerId;
            payload[i++] = 4;
            ServerIdentifier.Write(payload[i..]);
            i += 4;
        }
        payload[i++] = OptionMaxMessageSize;
        payload[i++] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(payload[i..], 1500);
        i += 2;
        payload[i++] = OptionParameterList;
        payload[i++] = 6;
        payload[i++] = OptionSubnetMask;
        payload[i++] = OptionRouter;
        payload[i++] = OptionDns;
        payload[i++] = OptionLeaseTime;
        payload[i++] = OptionRenewalTime;
        payload[i++] = OptionRebindingTime;
        payload[i++] = OptionEnd;
        return Math.Max(i, MinimumLength);
    }
}
