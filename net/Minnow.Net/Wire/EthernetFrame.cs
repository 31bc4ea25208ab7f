using System.Buffers.Binary;

namespace Minnow.Net.Wire;

/// <summary>An Ethernet II header, with at most one 802.1Q VLAN tag, parsed from a frame.</summary>
public readonly struct EthernetFrame
{
    public const int HeaderLength = 14;
    public const int VlanTagLength = 4;
    /// <summary>The shortest frame on the wire without FCS; shorter frames are padded when sent.</summary>
    public const int MinimumFrameLength = 60;

    public EthernetFrame(MacAddress destination, MacAddress source, ushort etherType, ushort vlanId, byte priority, int headerLength)
    {
        Destination = destination;
        Source = source;
        EtherType = etherType;
        VlanId = vlanId;
        Priority = priority;
        PayloadOffset = headerLength;
    }

    public MacAddress Destination { get; }

    public MacAddress Source { get; }

    /// <summary>The EtherType of the payload (after the VLAN tag when there is one).</summary>
    public ushort EtherType { get; }

    /// <summary>The 12-bit VLAN identifier; 0 for untagged (and priority-tagged) frames.</summary>
    public ushort VlanId { get; }

    /// <summary>The 802.1p priority code point from the tag; 0 when untagged.</summary>
    public byte Priority { get; }

    /// <summary>Where the payload starts: 14, or 18 with a VLAN tag.</summary>
    public int PayloadOffset { get; }

    public static EthernetStatus TryParse(ReadOnlySpan<byte> frame, out EthernetFrame header)
    {
        header = default;
        if (frame.Length < HeaderLength)
        {
            return EthernetStatus.Truncated;
        }
        MacAddress destination = MacAddress.Read(frame);
        MacAddress source = MacAddress.Read(frame[6..]);
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        ushort vlan = 0;
        byte priority = 0;
        int offset = HeaderLength;
        if (type == Wire.EtherType.Vlan)
        {
            if (frame.Length < HeaderLength + VlanTagLength)
            {
                return EthernetStatus.Truncated;
            }
            ushort tci = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
            vlan = (ushort)(tci & 0x0FFF);
            priority = (byte)(tci >> 13);
            type = BinaryPrimitives.ReadUInt16BigEndian(frame[16..]);
            offset += VlanTagLength;
        }
        if (type == Wire.EtherType.Vlan || type == Wire.EtherType.QinQ)
        {
            return EthernetStatus.StackedVlan;
        }
        if (type < Wire.EtherType.Minimum)
        {
            return EthernetStatus.NotEthernetII;
        }
        header = new EthernetFrame(destination, source, type, vlan, priority, offset);
        return EthernetStatus.Ok;
    }

    /// <summary>The header length <see cref="Write"/> produces for a VLAN id (0 = untagged).</summary>
    public static int HeaderLengthFor(ushort vlanId) => vlanId == 0 ? HeaderLength : HeaderLength + VlanTagLength;

    /// <summary>Writes a header, tagged when <paramref name="vlanId"/> is not 0.</summary>
    /// <returns>The header length.</returns>
    public static int Write(Span<byte> frame, MacAddress destination, MacAddress source, ushort etherType, ushort vlanId = 0, byte priority = 0)
    {
        destination.Write(frame);
        source.Write(frame[6..]);
        if (vlanId == 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
            return HeaderLength;
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], Wire.EtherType.Vlan);
        BinaryPrimitives.WriteUInt16BigEndian(frame[14..], (ushort)((priority << 13) | (vlanId & 0x0FFF)));
        BinaryPrimitives.WriteUInt16BigEndian(frame[16..], etherType);
        return HeaderLength + VlanTagLength;
    }
}
