using Minnow.Drivers.Hardware;
using Minnow.Drivers.Pci;
using Minnow.Drivers.Virtio;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Interrupts;
using Minnow.Kernel.Threading;
using Minnow.Net;

namespace Minnow.Drivers.Net;

/// <summary>
/// virtio-net over the modern PCI transport, as the stack's <see cref="IFrameDevice"/>. Negotiates
/// VERSION_1, MAC and STATUS, and for receiving MRG_RXBUF, GUEST_CSUM and GUEST_TSO4 when offered
/// (QEMU offers the last two only over a tap with virtio headers): a sender on the host may then
/// hand over up to 64 KiB of TCP in one packet with its checksum left to be filled in, which
/// costs the guest one packet instead of 45. For transmitting it negotiates CSUM and HOST_TSO4
/// the same way: the stack may leave TCP checksums to the device and hand it TCP segments of up
/// to 64 KiB to cut up (<see cref="TransmitOffloads"/>). The kernel option <c>nooffload</c> turns
/// all four off. A frame that fits one receive buffer is lent to the stack in place and reposted
/// on the next receive; one spread over several (mergeable) buffers is copied into a reassembly
/// buffer and its buffers are reposted at once. Transmit buffers are filled in place and reaped
/// when the device is done; a frame longer than one of them goes in one of a few large transmit
/// buffers, which travels with its descriptor until the device gives it back. Interrupts arrive by MSI-X and
/// only wake the network thread (<see cref="WaitForWork"/>); without MSI-X the driver is polled.
/// Transmit completions interrupt only while the transmit ring is full: then a sender that waits
/// for room (a UDP socket's queue, with no timer running) is woken when the device frees some.
/// </summary>
public sealed unsafe class VirtioNetDevice : IFrameDevice
{
    public const ushort PciVendor = 0x1AF4;
    public const ushort ModernDeviceId = 0x1041, TransitionalDeviceId = 0x1000;

    /// <summary>virtio_net_hdr with VERSION_1 (num_buffers included): 12 bytes before every frame.</summary>
    private const int HeaderLength = 12;
    /// <summary>virtio_net_hdr flags: the checksum is partial (a local sender left it), or verified.</summary>
    private const byte NeedsChecksum = 1, DataValid = 2;
    /// <summary>The longest packet a mergeable chain may carry: a 64 KiB IPv4 packet, Ethernet and VLAN headers.</summary>
    private const int MaxCoalescedFrameLength = 65535 + 18;
    /// <summary>virtio_net_hdr gso_type for a TCP/IPv4 segment to cut up.</summary>
    private const byte GsoTcpV4 = 1;
    /// <summary>Large transmit buffers (for segmentation offload): enough to keep a few 64 KiB
    /// segments in flight, each a header and the longest frame, in whole pages.</summary>
    private const int LargeTransmitBuffers = 8;
    private const int LargeTransmitBufferSize = (HeaderLength + MaxCoalescedFrameLength + 4095) & ~4095;
    private const int BufferSize = 2048;
    private const int MaxQueueSize = 256;
    private const int ReceiveQueue = 0, TransmitQueue = 1;
    private const ushort LinkUp = 1;

    private static readonly List<VirtioNetDevice> s_devices = new();
    private static KernelThread* s_waiter;

    private readonly VirtioPciTransport _transport;
    private readonly SplitVirtqueue _receive;
    private readonly SplitVirtqueue _transmit;
    private int _lentReceive = -1;
    /// <summary>Frames that span several mergeable receive buffers are gathered here (never lent to the
    /// device); only with GUEST_TSO4, without which every frame fits one buffer.</summary>
    private readonly byte[]? _reassembly;
    private int _reservedTransmit = -1;
    /// <summary>The large transmit buffer the reservation holds (-1: the descriptor's own).</summary>
    private int _reservedLarge = -1;
    private readonly DmaRegion? _largeTransmit;
    private readonly Stack<int> _freeLargeTransmit = new();
    /// <summary>Per transmit descriptor: the large buffer posted with it, or -1.</summary>
    private readonly int[] _largeOfDescriptor;
    /// <summary>The transmit ring was full: its completion interrupts are on until room is reaped.</summary>
    private bool _transmitFull;
    private byte _interruptVector;

    private VirtioNetDevice(VirtioPciTransport transport, SplitVirtqueue receive, SplitVirtqueue transmit, MacAddress mac, VirtioNetFeatures features, DmaRegion? largeTransmit)
    {
        _transport = transport;
        _receive = receive;
        _transmit = transmit;
        MacAddress = mac;
        Features = features;
        _largeTransmit = largeTransmit;
        if ((features & VirtioNetFeatures.GuestTso4) != 0)
            _reassembly = new byte[MaxCoalescedFrameLength];
        _largeOfDescriptor = new int[transmit.Size];
        Array.Fill(_largeOfDescriptor, -1);
        if (largeTransmit != null)
        {
            for (int i = LargeTransmitBuffers - 1; i >= 0; i--)
                _freeLargeTransmit.Push(i);
        }
    }

    public MacAddress MacAddress { get; }
    public int MaxFrameLength => BufferSize - HeaderLength < 1518 ? BufferSize - HeaderLength : 1518;
    public VirtioNetFeatures Features { get; }
    public PciAddress PciAddress => _transport.Function.Address;
    public bool UsesInterrupts => _interruptVector != 0;

    /// <summary>Frames the device returned shorter than a header plus an Ethernet header, dropped.</summary>
    public long RuntFrames { get; private set; }

    /// <summary>Mergeable chains with an impossible buffer count, missing buffers or too long, dropped.</summary>
    public long BadChains { get; private set; }

    /// <summary>Frames that arrived spread over several receive buffers (coalesced TCP from the host).</summary>
    public long ChainedFrames { get; private set; }

    private bool Mergeable => (Features & VirtioNetFeatures.MergeableRxBuffers) != 0;

    /// <summary>CSUM gives TCP checksum offload; HOST_TSO4 (which needs CSUM) segmentation too.</summary>
    public TransmitOffloads TransmitOffloads =>
        (Features & VirtioNetFeatures.Checksum) == 0 ? TransmitOffloads.None
        : _largeTransmit != null ? TransmitOffloads.TcpChecksum | TransmitOffloads.TcpSegmentation
        : TransmitOffloads.TcpChecksum;

    public int MaxSegmentationFrameLength => _largeTransmit != null ? MaxCoalescedFrameLength : MaxFrameLength;

    public long InvalidCompletions => _receive.InvalidCompletions + _transmit.InvalidCompletions;

    public bool LinkIsUp =>
        (Features & VirtioNetFeatures.Status) == 0 || _transport.DeviceConfigRegion.IsEmpty
        || (_transport.DeviceConfigRegion.Read16(6) & LinkUp) != 0;

    /// <summary>Every virtio-net function on the root bus, initialised; problems are reported as text.</summary>
    public static List<VirtioNetDevice> OpenAll(List<string> problems, bool useInterrupts, bool offload = true)
    {
        foreach (var function in PciBus.Enumerate())
        {
            if (function.VendorId != PciVendor || (function.DeviceId != ModernDeviceId && function.DeviceId != TransitionalDeviceId))
                continue;
            var device = Open(function, useInterrupts, offload, out string? problem);
            if (device != null)
                s_devices.Add(device);
            else
                problems.Add($"virtio-net at {function.Address}: {problem}");
        }
        return s_devices;
    }

    private static VirtioNetDevice? Open(PciFunction function, bool useInterrupts, bool offload, out string? problem)
    {
        var transport = VirtioPciTransport.Open(function, PciBus.Window, out problem);
        if (transport == null)
            return null;
        if (!transport.Reset())
        {
            problem = "the device did not reset";
            return null;
        }
        transport.Status = VirtioStatus.Acknowledge;
        transport.Status = VirtioStatus.Acknowledge | VirtioStatus.Driver;
        ulong offered = transport.DeviceFeatures;
        var wanted = VirtioNetFeatures.Version1 | VirtioNetFeatures.Mac | VirtioNetFeatures.Status | VirtioNetFeatures.MergeableRxBuffers;
        if (offload)
            wanted |= VirtioNetFeatures.GuestChecksum | VirtioNetFeatures.GuestTso4 | VirtioNetFeatures.Checksum | VirtioNetFeatures.HostTso4;
        var features = (VirtioNetFeatures)offered & wanted;
        // Coalesced packets need room: mergeable buffers (5.1.6.3.1); GUEST_TSO4 needs GUEST_CSUM and
        // HOST_TSO4 needs CSUM (5.1.3.1).
        if ((features & VirtioNetFeatures.MergeableRxBuffers) == 0 || (features & VirtioNetFeatures.GuestChecksum) == 0)
            features &= ~VirtioNetFeatures.GuestTso4;
        if ((features & VirtioNetFeatures.Checksum) == 0)
            features &= ~VirtioNetFeatures.HostTso4;
        if ((features & VirtioNetFeatures.Version1) == 0)
        {
            transport.Status = VirtioStatus.Failed;
            problem = "the device does not offer VIRTIO_F_VERSION_1";
            return null;
        }
        transport.WriteDriverFeatures((ulong)features);
        transport.Status = VirtioStatus.Acknowledge | VirtioStatus.Driver | VirtioStatus.FeaturesOk;
        if ((transport.Status & VirtioStatus.FeaturesOk) == 0)
        {
            transport.Status = VirtioStatus.Failed;
            problem = "the device refused the negotiated features";
            return null;
        }
        if (transport.QueueCount < 2)
        {
            transport.Status = VirtioStatus.Failed;
            problem = "fewer than two virtqueues";
            return null;
        }

        var receive = SplitVirtqueue.Create(QueueSize(transport, ReceiveQueue), BufferSize);
        var transmit = SplitVirtqueue.Create(QueueSize(transport, TransmitQueue), BufferSize);
        DmaRegion? largeTransmit = (features & VirtioNetFeatures.HostTso4) != 0
            ? DmaRegion.Allocate(LargeTransmitBuffers * LargeTransmitBufferSize) : null;
        if (receive == null || transmit == null || ((features & VirtioNetFeatures.HostTso4) != 0 && largeTransmit == null))
        {
            transport.Status = VirtioStatus.Failed;
            problem = "out of memory for virtqueues";
            return null;
        }

        var mac = default(MacAddress);
        if ((features & VirtioNetFeatures.Mac) != 0 && !transport.DeviceConfigRegion.IsEmpty)
        {
            var config = transport.DeviceConfigRegion;
            mac = new MacAddress(config.Read8(0), config.Read8(1), config.Read8(2), config.Read8(3), config.Read8(4), config.Read8(5));
        }
        var device = new VirtioNetDevice(transport, receive, transmit, mac, features, largeTransmit);

        ushort vector = VirtioPciTransport.NoVector;
        MsiX? msix = useInterrupts ? MsiX.Find(function, PciBus.Window) : null;
        byte interruptVector = (byte)(CpuException.FirstExternal + 1 + s_devices.Count);
        if (msix != null && msix.Route(0, interruptVector) && InterruptDispatcher.Register(interruptVector, &OnInterrupt))
        {
            vector = 0;
            device._interruptVector = interruptVector;
        }
        transport.SetConfigVector(VirtioPciTransport.NoVector);
        bool receiveVector = transport.ActivateQueue(ReceiveQueue, receive, vector);
        transport.ActivateQueue(TransmitQueue, transmit, vector);
        transmit.SuppressInterrupts();
        if (vector == 0 && receiveVector)
            msix!.Enable();
        else
            device._interruptVector = 0;

        while (receive.TryTakeFree(out int id))
            receive.Post(id, BufferSize, deviceWritable: true);
        transport.Status = VirtioStatus.Acknowledge | VirtioStatus.Driver | VirtioStatus.FeaturesOk | VirtioStatus.DriverOk;
        receive.NotifyIfNeeded();
        return device;
    }

    private static int QueueSize(VirtioPciTransport transport, int index)
    {
        int max = transport.MaxQueueSize(index);
        int size = MaxQueueSize;
        while (size > max && size > 1)
            size >>= 1;
        return max == 0 ? 0 : size;
    }

    public bool TryReceive(out ReadOnlySpan<byte> frame, out FrameChecksum checksum)
    {
        if (_lentReceive >= 0)
        {
            _receive.Post(_lentReceive, BufferSize, deviceWritable: true);
            _lentReceive = -1;
        }
        while (_receive.TryTakeCompletion(out int id, out int length))
        {
            if (length < HeaderLength + 14)
            {
                RuntFrames++;
                _receive.Post(id, BufferSize, deviceWritable: true);
                continue;
            }
            var buffer = _receive.Buffer(id, length);
            checksum = (buffer[0] & (NeedsChecksum | DataValid)) != 0 && (Features & VirtioNetFeatures.GuestChecksum) != 0
                ? FrameChecksum.Valid : FrameChecksum.Unverified;
            int buffers = Mergeable ? buffer[10] | buffer[11] << 8 : 1;
            if (buffers == 1)
            {
                _lentReceive = id;
                frame = buffer.Slice(HeaderLength);
                _receive.NotifyIfNeeded();
                return true;
            }
            if (TryGather(id, length, buffers, out int gathered))
            {
                frame = _reassembly!.AsSpan(0, gathered);
                _receive.NotifyIfNeeded();
                return true;
            }
        }
        _receive.NotifyIfNeeded();
        frame = default;
        checksum = FrameChecksum.Unverified;
        return false;
    }

    /// <summary>
    /// Copies a frame spread over <paramref name="buffers"/> mergeable buffers (the first one held,
    /// the rest the next used entries, which the device publishes together) into the reassembly
    /// buffer and reposts them all. A chain with an impossible count, a missing buffer or more
    /// bytes than a 64 KiB packet is dropped and counted.
    /// </summary>
    private bool TryGather(int firstId, int firstLength, int buffers, out int gathered)
    {
        int maxBuffers = (MaxCoalescedFrameLength + HeaderLength + BufferSize - 1) / BufferSize;
        bool ok = _reassembly != null && buffers >= 1 && buffers <= maxBuffers;
        gathered = firstLength - HeaderLength;
        if (ok)
            _receive.Buffer(firstId, firstLength).Slice(HeaderLength).CopyTo(_reassembly!);
        _receive.Post(firstId, BufferSize, deviceWritable: true);
        for (int i = 1; ok && i < buffers; i++)
        {
            if (!_receive.TryTakeCompletion(out int id, out int length))
            {
                ok = false;
                break;
            }
            if (gathered + length <= _reassembly!.Length)
                _receive.Buffer(id, length).CopyTo(_reassembly.AsSpan(gathered));
            else
                ok = false;
            gathered += length;
            _receive.Post(id, BufferSize, deviceWritable: true);
        }
        if (ok)
        {
            ChainedFrames++;
            return true;
        }
        BadChains++;
        gathered = 0;
        return false;
    }

    public bool TryReserveTransmit(int length, out Span<byte> frame)
    {
        frame = default;
        ReapTransmitted();
        if (length <= 0 || length > MaxSegmentationFrameLength)
            return false;
        if (_reservedTransmit < 0 && !_transmit.TryTakeFree(out _reservedTransmit))
        {
            WaitForRoom();
            if (!_transmit.TryTakeFree(out _reservedTransmit))
            {
                _reservedTransmit = -1;
                return false;
            }
        }
        bool large = length > MaxFrameLength;
        if (large && _reservedLarge < 0)
        {
            if (!_freeLargeTransmit.TryPop(out int slot))
            {
                WaitForRoom();
                if (!_freeLargeTransmit.TryPop(out slot))
                    return false;
            }
            _reservedLarge = slot;
        }
        else if (!large && _reservedLarge >= 0)
        {
            _freeLargeTransmit.Push(_reservedLarge);
            _reservedLarge = -1;
        }
        var buffer = _reservedLarge >= 0
            ? _largeTransmit!.Span(_reservedLarge * LargeTransmitBufferSize, HeaderLength + length)
            : _transmit.Buffer(_reservedTransmit, HeaderLength + length);
        buffer.Slice(0, HeaderLength).Clear();
        frame = buffer.Slice(HeaderLength);
        return true;
    }

    /// <summary>
    /// No room (descriptors or large buffers): ask for an interrupt when the device uses a buffer,
    /// then reap once more, for buffers it used before the request was visible (they would raise
    /// no interrupt). A sender that still finds no room is woken by that interrupt.
    /// </summary>
    private void WaitForRoom()
    {
        _transmitFull = true;
        _transmit.EnableInterrupts();
        ReapTransmitted();
        if (!_transmitFull)
        {
            // Reaping turned the interrupts off again; the caller may still lack what it needs.
            _transmitFull = true;
            _transmit.EnableInterrupts();
        }
    }

    public void CommitTransmit(int length) => CommitTransmit(length, default);

    /// <summary>
    /// Sends the reserved frame. An offload fills in virtio_net_hdr (5.1.6.2): NEEDS_CSUM with
    /// where the checksum goes, and for a segment longer than the MSS GSO_TCPV4 with the segment
    /// size and the headers' length; the stack asks only for what <see cref="TransmitOffloads"/> offers.
    /// </summary>
    public void CommitTransmit(int length, in TransmitOffload offload)
    {
        if (_reservedTransmit < 0 || length < 0 || length > (_reservedLarge >= 0 ? MaxSegmentationFrameLength : MaxFrameLength))
            return;
        var buffer = _reservedLarge >= 0
            ? _largeTransmit!.Span(_reservedLarge * LargeTransmitBufferSize, HeaderLength)
            : _transmit.Buffer(_reservedTransmit, HeaderLength);
        if (!offload.IsNone && offload.ChecksumStart + offload.ChecksumOffset + 2 <= length && offload.HeadersLength <= length)
        {
            buffer[0] = NeedsChecksum;
            buffer[1] = offload.SegmentSize > 0 ? GsoTcpV4 : (byte)0;
            WriteUInt16(buffer.Slice(2), offload.SegmentSize > 0 ? offload.HeadersLength : 0);
            WriteUInt16(buffer.Slice(4), offload.SegmentSize);
            WriteUInt16(buffer.Slice(6), offload.ChecksumStart);
            WriteUInt16(buffer.Slice(8), offload.ChecksumOffset);
        }
        if (_reservedLarge >= 0)
        {
            _transmit.PostExternal(_reservedTransmit, _largeTransmit!, _reservedLarge * LargeTransmitBufferSize, HeaderLength + length);
            _largeOfDescriptor[_reservedTransmit] = _reservedLarge;
            _reservedLarge = -1;
        }
        else
        {
            _transmit.Post(_reservedTransmit, HeaderLength + length, deviceWritable: false);
        }
        _reservedTransmit = -1;
        _transmit.NotifyIfNeeded();
    }

    /// <summary>virtio_net_hdr fields are little-endian with VERSION_1.</summary>
    private static void WriteUInt16(Span<byte> field, int value)
    {
        field[0] = (byte)value;
        field[1] = (byte)(value >> 8);
    }

    private void ReapTransmitted()
    {
        bool reaped = false;
        while (_transmit.TryTakeCompletion(out int id, out _))
        {
            if (_largeOfDescriptor[id] >= 0)
            {
                _freeLargeTransmit.Push(_largeOfDescriptor[id]);
                _largeOfDescriptor[id] = -1;
            }
            _transmit.Release(id);
            reaped = true;
        }
        if (reaped && _transmitFull)
        {
            _transmitFull = false;
            _transmit.SuppressInterrupts();
        }
    }

    /// <summary>Whether received frames, or room in a full transmit ring, are waiting (checked before
    /// the network thread sleeps).</summary>
    public bool HasWork => _receive.HasCompletions || (_transmitFull && _transmit.HasCompletions);

    /// <summary>
    /// Blocks the calling thread (the network thread) until a device interrupts or the monotonic
    /// deadline passes (0: no deadline). Returns at once when frames are already waiting.
    /// </summary>
    public static void WaitForWork(ulong deadlineNanoseconds)
    {
        ulong saved = InterruptState.Disable();
        bool pending = false;
        foreach (var device in s_devices)
            pending |= device.HasWork;
        if (!pending)
        {
            s_waiter = Scheduler.Current;
            Scheduler.Block(deadlineNanoseconds);
            s_waiter = null;
        }
        InterruptState.Restore(saved);
    }

    private static void OnInterrupt(InterruptFrame* frame)
    {
        LocalApic.EndOfInterrupt();
        if (s_waiter != null)
            Scheduler.Wake(s_waiter, WakeReason.Signaled);
    }
}
