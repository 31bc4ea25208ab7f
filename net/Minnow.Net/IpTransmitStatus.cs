namespace Minnow.Net;

/// <summary>The outcome of starting an outgoing IPv4 packet.</summary>
internal enum IpTransmitStatus
{
    /// <summary>A buffer is lent; fill the payload and commit.</summary>
    Ok,
    /// <summary>The device has no transmit buffer now; try again on a later poll.</summary>
    DeviceBusy,
    /// <summary>No address configured, or the destination is off-link and there is no gateway.</summary>
    NoRoute,
    /// <summary>The next hop is being resolved and its queue of waiting frames is full.</summary>
    ResolutionQueueFull,
}
