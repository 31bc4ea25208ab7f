namespace Minnow.Net;

/// <summary>
/// What the device must finish in one outgoing frame (default: nothing). The checksum covers the
/// frame from <see cref="ChecksumStart"/> to its end and goes at <see cref="ChecksumStart"/> +
/// <see cref="ChecksumOffset"/>, where the stack left the folded pseudo-header sum. With a
/// <see cref="SegmentSize"/>, the frame's TCP payload is cut into segments of that many bytes,
/// each with a copy of the first <see cref="HeadersLength"/> bytes, fixed up (IPv4 length,
/// identification and checksum; TCP sequence number; PSH and FIN only on the last).
/// </summary>
public readonly record struct TransmitOffload(int ChecksumStart, int ChecksumOffset, int HeadersLength, int SegmentSize)
{
    public bool IsNone => ChecksumStart == 0;
}
