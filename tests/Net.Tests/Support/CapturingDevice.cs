namespace Minnow.Net.Tests.Support;

/// <summary>A device that records what the stack sends and lets tests inject received frames.</summary>
public sealed class CapturingDevice : IFrameDevice
{
    private readonly Queue<(byte[] Frame, FrameChecksum Checksum)> _received = new();
    private readonly byte[] _transmitBuffer;

    public CapturingDevice(MacAddress mac, int maxFrameLength = 1518)
    {
        MacAddress = mac;
        MaxFrameLength = maxFrameLength;
        _transmitBuffer = new byte[maxFrameLength];
    }

    public MacAddress MacAddress { get; }

    public int MaxFrameLength { get; }

    public List<byte[]> Sent { get; } = [];

    public bool TransmitBlocked { get; set; }

    /// <summary>Queues a received frame, optionally as one whose transport checksum the device vouched for.</summary>
    public void Inject(byte[] frame, FrameChecksum checksum = FrameChecksum.Unverified) => _received.Enqueue((frame, checksum));

    public bool TryReceive(out ReadOnlySpan<byte> frame, out FrameChecksum checksum)
    {
        if (_received.TryDequeue(out var next))
        {
            frame = next.Frame;
            checksum = next.Checksum;
            return true;
        }
        frame = default;
        checksum = FrameChecksum.Unverified;
        return false;
    }

    public bool TryReserveTransmit(int length, out Span<byte> frame)
    {
        if (TransmitBlocked || length > MaxFrameLength)
        {
            frame = default;
            return false;
        }
        frame = _transmitBuffer.AsSpan(0, length);
        return true;
    }

    public void CommitTransmit(int length) => Sent.Add(_transmitBuffer.AsSpan(0, length).ToArray());
}
