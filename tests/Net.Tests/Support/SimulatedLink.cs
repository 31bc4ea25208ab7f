using System.Buffers;

namespace Minnow.Net.Tests.Support;

/// <summary>
/// A point-to-point Ethernet link between two <see cref="SimulatedDevice"/>s with delay, loss,
/// duplication and reordering drawn from a seeded RNG, in simulated time: runs are repeatable.
/// </summary>
public sealed class SimulatedLink
{
    private readonly Random _random;
    private readonly PriorityQueue<InFlight, (TimeSpan, long)> _inFlight = new();
    private readonly TimeSpan[] _lineFreeAt = new TimeSpan[2];
    private long _order;

    public SimulatedLink(LinkConditions conditions, int seed)
    {
        Conditions = conditions;
        _random = new Random(seed);
        A = new SimulatedDevice(this, 0, new MacAddress(0x02, 0, 0, 0, 0, 0x0a));
        B = new SimulatedDevice(this, 1, new MacAddress(0x02, 0, 0, 0, 0, 0x0b));
    }

    public LinkConditions Conditions { get; set; }

    /// <summary>Called with every frame sent; returning true loses that frame (for targeted loss).</summary>
    public FrameFilter? DropIf { get; set; }

    public SimulatedDevice A { get; }

    public SimulatedDevice B { get; }

    public TimeSpan Now { get; private set; }

    public long FramesLost { get; private set; }

    public long FramesDuplicated { get; private set; }

    public long FramesReordered { get; private set; }

    /// <summary>Receives every frame sent (before loss), with its send time.</summary>
    public PcapWriter? Capture { get; set; }

    public TimeSpan? NextDeliveryAt => _inFlight.TryPeek(out _, out (TimeSpan Time, long) key) ? key.Time : null;

    /// <summary>Moves time forward and hands each device the frames due by then.</summary>
    public void AdvanceTo(TimeSpan now)
    {
        if (now > Now)
        {
            Now = now;
        }
        while (_inFlight.TryPeek(out InFlight frame, out (TimeSpan Time, long) key) && key.Time <= Now)
        {
            _inFlight.Dequeue();
            (frame.To == 0 ? A : B).Deliver(frame.Buffer, frame.Length);
        }
    }

    internal void Transmit(int from, ReadOnlySpan<byte> frame)
    {
        Capture?.Write(Now, frame);
        LinkConditions c = Conditions;
        TimeSpan start = Now > _lineFreeAt[from] ? Now : _lineFreeAt[from];
        if (c.BytesPerSecond > 0)
        {
            start += TimeSpan.FromTicks(frame.Length * TimeSpan.TicksPerSecond / c.BytesPerSecond);
            _lineFreeAt[from] = start;
        }
        bool filtered = DropIf?.Invoke(from, frame) ?? false;
        if (_random.NextDouble() < c.LossRate || filtered)
        {
            FramesLost++;
            return;
        }
        int copies = 1;
        if (_random.NextDouble() < c.DuplicationRate)
        {
            FramesDuplicated++;
            copies = 2;
        }
        for (int i = 0; i < copies; i++)
        {
            TimeSpan arrival = start + c.Delay;
            if (_random.NextDouble() < c.ReorderRate)
            {
                FramesReordered++;
                arrival += c.ReorderDelay;
            }
            byte[] buffer = ArrayPool<byte>.Shared.Rent(frame.Length);
            frame.CopyTo(buffer);
            _inFlight.Enqueue(new InFlight(1 - from, buffer, frame.Length), (arrival, _order++));
        }
    }

    public delegate bool FrameFilter(int fromSide, ReadOnlySpan<byte> frame);

    private readonly record struct InFlight(int To, byte[] Buffer, int Length);
}
