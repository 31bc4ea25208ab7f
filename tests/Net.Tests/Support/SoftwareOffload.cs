using System.Buffers.Binary;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Support;

/// <summary>
/// What a NIC with checksum and TCP segmentation offload does to a frame the stack hands it with a
/// <see cref="TransmitOffload"/>, written independently of the stack for tests: cut the TCP payload
/// into pieces of the segment size, give each the headers with IPv4 length, identification and
/// checksum and the TCP sequence number fixed up (PSH and FIN only on the last piece), and fill in
/// the TCP checksum, which the stack left as the pseudo-header sum of the whole segment.
/// </summary>
public static class SoftwareOffload
{
    public static List<byte[]> Apply(ReadOnlySpan<byte> frame, in TransmitOffload offload)
    {
        if (offload.IsNone)
        {
            return [frame.ToArray()];
        }
        int ipStart = offload.ChecksumStart - Ipv4Header.MinimumLength;
        int headers = offload.HeadersLength;
        int payload = frame.Length - headers;
        int size = offload.SegmentSize > 0 ? offload.SegmentSize : Math.Max(payload, 1);
        uint sequence = BinaryPrimitives.ReadUInt32BigEndian(frame[(offload.ChecksumStart + 4)..]);
        ushort identification = BinaryPrimitives.ReadUInt16BigEndian(frame[(ipStart + 4)..]);
        byte flags = frame[offload.ChecksumStart + 13];
        var frames = new List<byte[]>();
        for (int offset = 0; offset < payload || (payload == 0 && offset == 0); offset += size)
        {
            int length = Math.Min(size, payload - offset);
            bool last = offset + length >= payload;
            byte[] piece = new byte[headers + length];
            frame[..headers].CopyTo(piece);
            frame.Slice(headers + offset, length).CopyTo(piece.AsSpan(headers));
            Span<byte> ip = piece.AsSpan(ipStart);
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(piece.Length - ipStart));
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(identification + frames.Count));
            ip[10] = ip[11] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], ReferenceChecksum.Compute(ip[..Ipv4Header.MinimumLength]));
            Span<byte> tcp = piece.AsSpan(offload.ChecksumStart);
            BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence + (uint)offset);
            tcp[13] = last ? flags : (byte)(flags & ~(byte)(TcpFlags.Psh | TcpFlags.Fin));
            // As the device does: the stack's partial sum (of a pseudo-header with the whole
            // segment's length) is moved to this piece's length, then the piece is summed over it.
            uint partial = BinaryPrimitives.ReadUInt16BigEndian(frame[(offload.ChecksumStart + offload.ChecksumOffset)..]);
            uint wholeLength = (uint)(frame.Length - offload.ChecksumStart), pieceLength = (uint)tcp.Length;
            uint moved = partial + (~wholeLength & 0xFFFF) + pieceLength;
            moved = (moved & 0xFFFF) + (moved >> 16);
            moved = (moved & 0xFFFF) + (moved >> 16);
            BinaryPrimitives.WriteUInt16BigEndian(tcp[offload.ChecksumOffset..], (ushort)moved);
            BinaryPrimitives.WriteUInt16BigEndian(tcp[offload.ChecksumOffset..], ReferenceChecksum.Compute(tcp));
            frames.Add(piece);
            if (payload == 0)
            {
                break;
            }
        }
        return frames;
    }
}
