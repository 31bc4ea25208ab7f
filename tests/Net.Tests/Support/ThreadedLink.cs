using System.Collections.Concurrent;

namespace Minnow.Net.Tests.Support;

/// <summary>
/// A link between two <see cref="IFrameDevice"/>s for tests with real threads (the socket layer's
/// blocking calls): frames cross at once, into a thread-safe queue, and wake the receiving side's
/// pump. Loss comes from a seeded RNG; <see cref="SimulatedLink"/> is the single-threaded,
/// simulated-time counterpart.
/// </summary>
public sealed class ThreadedLink
{
    private readonly Random _random;
    private readonly object _randomLock = new();

    public ThreadedLink(double lossRate = 0, int seed = 1)
    {
        LossRate = lossRate;
        _random = new Random(seed);
        A = new Device(this, new MacAddress(0x02, 0, 0, 0, 0, 0x0a));
        B = new Device(this, new MacAddress(0x02, 0, 0, 0, 0, 0x0b));
        A.Peer = B;
        B.Peer = A;
    }

    public double LossRate { get; set; }

    public Device A { get; }

    public Device B { get; }

    public long FramesLost;

    private bool Lose()
    {
        if (LossRate <= 0)
        {
            return false;
        }
        lock (_randomLock)
        {
            return _random.NextDouble() < LossRate;
        }
    }

    public sealed class Device : IFrameDevice
    {
        private readonly ThreadedLink _link;
        private readonly ConcurrentQueue<byte[]> _received = new();
        private readonly byte[] _transmit = new byte[1518];

        internal Device(ThreadedLink link, MacAddress mac)
        {
            _link = link;
            MacAddress = mac;
        }

        internal Device Peer { get; set; } = null!;

        /// <summary>Set when a frame arrives; the side's pump thread waits on it.</summary>
        public AutoResetEvent FrameArrived { get; } = new(false);

        public MacAddress MacAddress { get; }

        public int MaxFrameLength => 1518;

        public bool TryReceive(out ReadOnlySpan<byte> frame, out FrameChecksum checksum)
        {
            checksum = FrameChecksum.Unverified;
            if (_received.TryDequeue(out byte[]? next))
            {
                frame = next;
                return true;
            }
            frame = default;
            return false;
        }

        public bool TryReserveTransmit(int length, out Span<byte> frame)
        {
            frame = _transmit.AsSpan(0, length);
            return length <= _transmit.Length;
        }

        public void CommitTransmit(int length)
        {
            if (_link.Lose())
            {
                Interlocked.Increment(ref _link.FramesLost);
                return;
            }
            Peer._received.Enqueue(_transmit.AsSpan(0, length).ToArray());
            Peer.FrameArrived.Set();
        }
    }
}
