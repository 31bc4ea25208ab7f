namespace Minnow.Net;

/// <summary>What a device already knows about a received frame's TCP or UDP checksum.</summary>
public enum FrameChecksum : byte
{
    /// <summary>Nothing: the stack verifies the checksum itself.</summary>
    Unverified,

    /// <summary>
    /// The device vouches for the transport checksum: it verified it (virtio's DATA_VALID), or the
    /// frame comes from a sender on the same host that left it to be filled in (NEEDS_CSUM: the
    /// field then holds only the pseudo-header sum, so verifying it would wrongly fail). The stack
    /// skips the transport checksum; the IPv4 header checksum is always verified.
    /// </summary>
    Valid,
}
