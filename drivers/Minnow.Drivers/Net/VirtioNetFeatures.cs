namespace Minnow.Drivers.Net;

/// <summary>The virtio-net feature bits Minnow knows (virtio 1.x, 5.1.3).</summary>
[Flags]
public enum VirtioNetFeatures : ulong
{
    None = 0,
    Checksum = 1UL << 0,
    GuestChecksum = 1UL << 1,
    Mtu = 1UL << 3,
    Mac = 1UL << 5,
    GuestTso4 = 1UL << 7,
    HostTso4 = 1UL << 11,
    MergeableRxBuffers = 1UL << 15,
    Status = 1UL << 16,
    Version1 = 1UL << 32,
}
