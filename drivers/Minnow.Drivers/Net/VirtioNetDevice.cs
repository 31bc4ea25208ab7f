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
/// costs the guest one packet instead of 45. Transmit has no offload: frames go out whole with
/// checksums computed by the stack. A frame that fits one receive buffer is lent to the stack in
/// place and reposted on the next receive; one spread over several (mergeable) buffers is copied
/// into a reassembly buffer and its buffers are reposted at once. Transmit buffers are filled in
/// place and reaped when the device is done. Interrupts arrive by MSI-X and
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
    /// <summary>Frames that span several mergeable receive buffers are gathered here (never lent to the device).</summary>
    private readonly byte[] _reassembly = new byte[MaxCoalescedFrameLength];
    private int _reservedTransmit = -1;
    /// <summary>The transmit ring was full: its completion interrupts are on until room is reaped.</summary>
    private bool _transmitFull;
    private byte _interruptVector;

    private VirtioNetDevice(VirtioPciTransport transport, SplitVirtqueue receive, SplitVirtqueue transmit, MacAddress mac, VirtioNetFeatures features)
    {
        _transport = transport;
        _receive = receive;
        _transmit = transmit;
        MacAddress = mac;
        Features = features;
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

    public long InvalidCompletions => _receive.InvalidCompletions + _transmit.InvalidCompletions;

    public bool LinkIsUp =>
        (Features & VirtioNetFeatures.Status) == 0 || _transport.DeviceConfigRegion.IsEmpty
        || (_transport.DeviceConfigRegion.Read16(6) & LinkUp) != 0;

    /// <summary>Every virtio-net function on the root bus, initialised; problems are reported as text.</summary>
    public static List<VirtioNetDevice> OpenAll(List<string> problems, bool useInterrupts)
    {
        foreach (var function in PciBus.Enumerate())
        {
            if (function.VendorId != PciVendor || (function.DeviceId != ModernDeviceId && function.DeviceId != TransitionalDeviceId))
                continue;
            var device = Open(function, useInterrupts, out string? problem);
            if (device != null)
                s_devices.Add(device);
            else
                problems.Add($"virtio-net at {function.Address}: {problem}");
        }
        return s_devices;
    }

    private static VirtioNetDevice? Open(PciFunction function, bool useInterrupts, out string? problem)
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
        var wanted = VirtioNetFeatures.Version1 | VirtioNetFeatures.Mac | VirtioNetFeatures.Status
            | VirtioNetFeatures.MergeableRxBuffers | VirtioNetFeatures.GuestChecksum | VirtioNetFeatures.GuestTso4;
        var features = (VirtioNetFeatures)offered & wanted;
        // Coalesced packets need room: mergeable buffers (5.1.6.3.1); GUEST_TSO4 needs GUEST_CSUM (5.1.3.1).
        if ((features & VirtioNetFeatures.MergeableRxBuffers) == 0 || (features & VirtioNetFeatures.GuestChecksum) == 0)
            features &= ~VirtioNetFeatures.GuestTso4;
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
        if (receive == null || transmit == null)
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
        var device = new VirtioNetDevice(transport, receive, transmit, mac, features);

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
                frame = _reassembly.AsSpan(0, gathered);
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
        bool ok = buffers >= 1 && buffers <= maxBuffers;
        gathered = firstLength - HeaderLength;
        if (ok)
            _receive.Buffer(firstId, firstLength).Slice(HeaderLength).CopyTo(_reassembly);
        _receive.Post(firstId, BufferSize, deviceWritable: true);
        for (int i = 1; ok && i < buffers; i++)
        {
            if (!_receive.TryTakeCompletion(out int id, out int length))
            {
                ok = false;
                break;
            }
            if (gathered + length <= _reassembly.Length)
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
        ReapTransmitted();
        if (length > MaxFrameLength)
        {
            frame = default;
            return false;
        }
        if (_reservedTransmit < 0 && !_transmit.TryTakeFree(out _reservedTransmit))
        {
            // Full: ask for an interrupt when the device uses a buffer, then look once more, for
            // buffers it used before the request was visible (they would raise no interrupt).
            _transmitFull = true;
            _transmit.EnableInterrupts();
            ReapTransmitted();
            if (!_transmit.TryTakeFree(out _reservedTransmit))
            {
                frame = default;
                return false;
            }
        }
        var buffer = _transmit.Buffer(_reservedTransmit, HeaderLength + length);
        buffer.Slice(0, HeaderLength).Clear();
        frame = buffer.Slice(HeaderLength);
        return true;
    }

    public void CommitTransmit(int length)
    {
        if (_reservedTransmit < 0 || length < 0 || length > MaxFrameLength)
            return;
        _transmit.Post(_reservedTransmit, HeaderLength + length, deviceWritable: false);
        _reservedTransmit = -1;
        _transmit.NotifyIfNeeded();
    }

    private void ReapTransmitted()
    {
        bool reaped = false;
        while (_transmit.TryTakeCompletion(out int id, out _))
        {
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
