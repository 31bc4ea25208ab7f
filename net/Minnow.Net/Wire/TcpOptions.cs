using System.Buffers.Binary;

namespace Minnow.Net.Wire;

/// <summary>
/// The TCP options the stack understands: MSS (RFC 9293), window scale and timestamps (RFC 7323),
/// SACK-permitted and SACK blocks (RFC 2018). Unknown options are skipped by their length.
/// </summary>
public struct TcpOptions
{
    public const byte KindEnd = 0;
    public const byte KindNop = 1;
    public const byte KindMss = 2;
    public const byte KindWindowScale = 3;
    public const byte KindSackPermitted = 4;
    public const byte KindSack = 5;
    public const byte KindTimestamps = 8;
    public const int MaxSackBlocks = 4;
    /// <summary>RFC 7323 section 2.3: shifts above 14 are treated as 14.</summary>
    public const int MaxWindowScale = 14;

    private TcpSackBlock _sack0;
    private TcpSackBlock _sack1;
    private TcpSackBlock _sack2;
    private TcpSackBlock _sack3;

    /// <summary>The maximum segment size the peer can receive; 0 when absent.</summary>
    public ushort MaxSegmentSize { get; set; }

    /// <summary>Whether the window scale option is present; scaling is on only when both SYNs carry it.</summary>
    public bool HasWindowScale { get; set; }

    /// <summary>The window scale shift, at most <see cref="MaxWindowScale"/>.</summary>
    public byte WindowScale { get; set; }

    public bool SackPermitted { get; set; }

    public bool HasTimestamps { get; set; }

    public uint TimestampValue { get; set; }

    public uint TimestampEcho { get; set; }

    public int SackBlockCount { get; private set; }

    public static TcpOptions None => default;

    public readonly TcpSackBlock GetSackBlock(int index) => index switch
    {
        0 => _sack0,
        1 => _sack1,
        2 => _sack2,
        3 => _sack3,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public void AddSackBlock(TcpSackBlock block)
    {
        switch (SackBlockCount)
        {
            case 0: _sack0 = block; break;
            case 1: _sack1 = block; break;
            case 2: _sack2 = block; break;
            case 3: _sack3 = block; break;
            default: return;
        }
        SackBlockCount++;
    }

    /// <summary>Parses the option bytes between the fixed header and the data.</summary>
    public static TcpStatus TryParse(ReadOnlySpan<byte> options, out TcpOptions parsed)
    {
        parsed = None;
        int i = 0;
        while (i < options.Length)
        {
            byte kind = options[i];
            if (kind == KindEnd)
            {
                break;
            }
            if (kind == KindNop)
            {
                i++;
                continue;
            }
            if (i + 1 >= options.Length)
            {
                return TcpStatus.BadOption;
            }
            int length = options[i + 1];
            if (length < 2 || i + length > options.Length)
            {
                return TcpStatus.BadOption;
            }
            ReadOnlySpan<byte> body = options.Slice(i + 2, length - 2);
            switch (kind)
            {
                case KindMss:
                    if (length != 4)
                    {
                        return TcpStatus.BadOption;
                    }
                    parsed.MaxSegmentSize = BinaryPrimitives.ReadUInt16BigEndian(body);
                    break;
                case KindWindowScale:
                    if (length != 3)
                    {
                        return TcpStatus.BadOption;
                    }
                    parsed.HasWindowScale = true;
                    parsed.WindowScale = (byte)Math.Min((int)body[0], MaxWindowScale);
                    break;
                case KindSackPermitted:
                    if (length != 2)
                    {
                        return TcpStatus.BadOption;
                    }
                    parsed.SackPermitted = true;
                    break;
                case KindSack:
                    if ((length - 2) % 8 != 0)
                    {
                        return TcpStatus.BadOption;
                    }
                    for (int b = 0; b + 8 <= body.Length; b += 8)
                    {
                        parsed.AddSackBlock(new TcpSackBlock(
                            new TcpSeqNumber(BinaryPrimitives.ReadUInt32BigEndian(body[b..])),
                            new TcpSeqNumber(BinaryPrimitives.ReadUInt32BigEndian(body[(b + 4)..]))));
                    }
                    break;
                case KindTimestamps:
                    if (length != 10)
                    {
                        return TcpStatus.BadOption;
                    }
                    parsed.HasTimestamps = true;
                    parsed.TimestampValue = BinaryPrimitives.ReadUInt32BigEndian(body);
                    parsed.TimestampEcho = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    break;
            }
            i += length;
        }
        return TcpStatus.Ok;
    }

    /// <summary>The encoded length of these options, padded to a 4-byte multiple.</summary>
    public readonly int EncodedLength
    {
        get
        {
            int length = 0;
            if (MaxSegmentSize != 0)
            {
                length += 4;
            }
            if (HasWindowScale)
            {
                length += 4; // NOP + 3
            }
            if (SackPermitted)
            {
                length += 4; // NOP NOP + 2
            }
            if (HasTimestamps)
            {
                length += 12; // NOP NOP + 10
            }
            if (SackBlockCount > 0)
            {
                length += 4 + 8 * SackBlockCount; // NOP NOP + 2 + blocks
            }
            return length;
        }
    }

    /// <summary>Writes the options NOP-aligned the way Linux lays them out.</summary>
    /// <returns>The number of bytes written, a multiple of 4.</returns>
    public readonly int Write(Span<byte> destination)
    {
        int i = 0;
        if (MaxSegmentSize != 0)
        {
            destination[i++] = KindMss;
            destination[i++] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(destination[i..], MaxSegmentSize);
            i += 2;
        }
        if (SackPermitted)
        {
            destination[i++] = KindNop;
            destination[i++] = KindNop;
            destination[i++] = KindSackPermitted;
            destination[i++] = 2;
        }
        if (HasTimestamps)
        {
            destination[i++] = KindNop;
            destination[i++] = KindNop;
            destination[i++] = KindTimestamps;
            destination[i++] = 10;
            BinaryPrimitives.WriteUInt32BigEndian(destination[i..], TimestampValue);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i + 4)..], TimestampEcho);
            i += 8;
        }
        if (HasWindowScale)
        {
            destination[i++] = KindNop;
            destination[i++] = KindWindowScale;
            destination[i++] = 3;
            destination[i++] = WindowScale;
        }
        if (SackBlockCount > 0)
        {
            destination[i++] = KindNop;
            destination[i++] = KindNop;
            destination[i++] = KindSack;
            destination[i++] = (byte)(2 + 8 * SackBlockCount);
            for (int b = 0; b < SackBlockCount; b++)
            {
                TcpSackBlock block = GetSackBlock(b);
                BinaryPrimitives.WriteUInt32BigEndian(destination[i..], block.Left.Value);
                BinaryPrimitives.WriteUInt32BigEndian(destination[(i + 4)..], block.Right.Value);
                i += 8;
            }
        }
        return i;
    }
}
