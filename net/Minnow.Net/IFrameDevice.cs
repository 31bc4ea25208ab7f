namespace Minnow.Net;

/// <summary>
/// What the stack needs from a network device: lend it received frames and transmit buffers.
/// A virtio-net driver implements it over its queues; tests implement it over a simulated link.
/// </summary>
/// <remarks>
/// Frames are Ethernet frames without preamble or FCS. Buffers are lent, not copied, so a driver
/// can hand out its DMA buffers: the stack parses received frames in place and builds outgoing
/// frames in place, and socket payload is copied exactly once on each side.
/// </remarks>
public interface IFrameDevice
{
    MacAddress MacAddress { get; }

    /// <summary>The longest frame the device carries, headers included (1518 for a 1500-byte MTU with a VLAN tag).</summary>
    int MaxFrameLength { get; }

    /// <summary>Lends the next received frame, valid until the next call to <see cref="TryReceive"/>.</summary>
    /// <param name="checksum">Whether the device vouches for the frame's TCP/UDP checksum.</param>
    /// <returns>false when no frame is waiting.</returns>
    /// <remarks>A frame may be longer than <see cref="MaxFrameLength"/> when the device coalesces
    /// received TCP segments (virtio's GUEST_TSO4): one IPv4 packet of up to 64 KiB.</remarks>
    bool TryReceive(out ReadOnlySpan<byte> frame, out FrameChecksum checksum);

    /// <summary>Lends a transmit buffer of at least <paramref name="length"/> bytes.</summary>
    /// <returns>false when the transmit queue is full; the caller tries again on a later poll.</returns>
    bool TryReserveTransmit(int length, out Span<byte> frame);

    /// <summary>Sends the first <paramref name="length"/> bytes of the buffer the last reservation lent.</summary>
    void CommitTransmit(int length);

    /// <summary>What the device can finish in outgoing frames; the stack asks only for these.</summary>
    TransmitOffloads TransmitOffloads => TransmitOffloads.None;

    /// <summary>The longest frame <see cref="TryReserveTransmit"/> lends for TCP segmentation offload.</summary>
    int MaxSegmentationFrameLength => MaxFrameLength;

    /// <summary>Sends the reserved frame, asking the device to finish it as <paramref name="offload"/> says.</summary>
    void CommitTransmit(int length, in TransmitOffload offload) => CommitTransmit(length);
}
