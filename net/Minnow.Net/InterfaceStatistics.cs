namespace Minnow.Net;

/// <summary>Frame counts of an <see cref="Interface"/>; drops are in <see cref="DropCounters"/>.</summary>
public sealed class InterfaceStatistics
{
    public long FramesReceived { get; internal set; }

    public long FramesSent { get; internal set; }

    public long BytesReceived { get; internal set; }

    public long BytesSent { get; internal set; }

    /// <summary>Sent frames the device was asked to finish (checksum, or segmentation: <see cref="SegmentedFramesSent"/>).</summary>
    public long OffloadedFramesSent { get; internal set; }

    /// <summary>Sent frames of more than one MSS that the device cut into segments.</summary>
    public long SegmentedFramesSent { get; internal set; }

    /// <summary>Received frames whose TCP/UDP checksum the device vouched for (<see cref="FrameChecksum.Valid"/>).</summary>
    public long FramesWithDeviceChecksum { get; internal set; }
}
