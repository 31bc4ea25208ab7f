namespace Minnow.Net;

/// <summary>Work a device can do on frames the stack sends (virtio-net's CSUM and HOST_TSO4).</summary>
[Flags]
public enum TransmitOffloads : byte
{
    None = 0,

    /// <summary>The device fills in TCP checksums: the stack leaves the pseudo-header sum in the field.</summary>
    TcpChecksum = 1,

    /// <summary>
    /// The device cuts one TCP segment of up to 64 KiB into segments of a given size (with
    /// <see cref="TcpChecksum"/>), as a NIC with TSO does: one frame instead of 45 for the stack
    /// to build and for the device to be told about.
    /// </summary>
    TcpSegmentation = 2,
}
