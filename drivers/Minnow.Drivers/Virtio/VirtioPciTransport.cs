using Minnow.Drivers.Hardware;
using Minnow.Drivers.Pci;

namespace Minnow.Drivers.Virtio;

/// <summary>
/// The virtio 1.x modern PCI transport (virtio spec 4.1): the vendor capabilities locate the common
/// configuration, notification, ISR and device-specific structures inside the function's BARs.
/// Legacy (0.9.5) devices are not supported: the harness gives QEMU modern-only devices.
/// </summary>
public sealed class VirtioPciTransport
{
    private const byte VendorCapability = 0x09;
    private const byte CommonConfig = 1, NotifyConfig = 2, IsrConfig = 3, DeviceConfig = 4;

    // Common configuration layout (virtio 1.x, 4.1.4.3).
    private const ulong DeviceFeatureSelect = 0x00, DeviceFeature = 0x04, DriverFeatureSelect = 0x08, DriverFeature = 0x0C;
    private const ulong ConfigMsixVector = 0x10, NumQueues = 0x12, DeviceStatus = 0x14, ConfigGeneration = 0x15;
    private const ulong QueueSelect = 0x16, QueueSize = 0x18, QueueMsixVector = 0x1A, QueueEnable = 0x1C, QueueNotifyOff = 0x1E;
    private const ulong QueueDesc = 0x20, QueueDriver = 0x28, QueueDevice = 0x30;
    public const ushort NoVector = 0xFFFF;

    private readonly MmioRegion _common;
    private readonly MmioRegion _notify;
    private readonly uint _notifyMultiplier;

    private VirtioPciTransport(PciFunction function, MmioRegion common, MmioRegion notify, uint notifyMultiplier, MmioRegion isr, MmioRegion device)
    {
        Function = function;
        _common = common;
        _notify = notify;
        _notifyMultiplier = notifyMultiplier;
        Isr = isr;
        DeviceConfigRegion = device;
    }

    public PciFunction Function { get; }
    public MmioRegion Isr { get; }
    public MmioRegion DeviceConfigRegion { get; }

    /// <summary>Maps the structures; null and a reason when a capability is missing or points outside its BAR.</summary>
    public static VirtioPciTransport? Open(PciFunction function, PciMmioWindow? window, out string? problem)
    {
        MmioRegion common = default, notify = default, isr = default, device = default;
        uint multiplier = 0;
        foreach (int capability in function.Capabilities(VendorCapability))
        {
            byte type = function.Read8(capability + 3);
            byte barIndex = function.Read8(capability + 4);
            uint offset = function.Read32(capability + 8);
            uint length = function.Read32(capability + 12);
            if (barIndex > 5 || type < CommonConfig || type > DeviceConfig)
                continue;
            var bar = function.MemoryBar(barIndex, window);
            if (!bar.IsPresent || (ulong)offset + length > bar.Size)
                continue;
            var region = new MmioRegion(bar.Address + offset, length);
            switch (type)
            {
                case CommonConfig when common.IsEmpty && length >= 0x38: common = region; break;
                case NotifyConfig when notify.IsEmpty:
                    notify = region;
                    multiplier = function.Read32(capability + 16);
                    break;
                case IsrConfig when isr.IsEmpty: isr = region; break;
                case DeviceConfig when device.IsEmpty: device = region; break;
            }
        }
        if (common.IsEmpty || notify.IsEmpty)
        {
            problem = "no virtio 1.x common/notify configuration (a legacy-only device?)";
            return null;
        }
        function.EnableCommandBits(PciFunction.MemorySpaceEnable | PciFunction.BusMasterEnable);
        problem = null;
        return new VirtioPciTransport(function, common, notify, multiplier, isr, device);
    }

    public VirtioStatus Status
    {
        get => (VirtioStatus)_common.Read8(DeviceStatus);
        set => _common.Write8(DeviceStatus, (byte)value);
    }

    /// <summary>Writes 0 and waits for the device to finish resetting (it reads back 0).</summary>
    public bool Reset()
    {
        _common.Write8(DeviceStatus, 0);
        for (int i = 0; i < 1_000_000; i++)
            if (_common.Read8(DeviceStatus) == 0)
                return true;
        return false;
    }

    public ulong DeviceFeatures
    {
        get
        {
            _common.Write32(DeviceFeatureSelect, 0);
            ulong low = _common.Read32(DeviceFeature);
            _common.Write32(DeviceFeatureSelect, 1);
            return low | ((ulong)_common.Read32(DeviceFeature) << 32);
        }
    }

    public void WriteDriverFeatures(ulong features)
    {
        _common.Write32(DriverFeatureSelect, 0);
        _common.Write32(DriverFeature, (uint)features);
        _common.Write32(DriverFeatureSelect, 1);
        _common.Write32(DriverFeature, (uint)(features >> 32));
    }

    public int QueueCount => _common.Read16(NumQueues);

    public byte ConfigGenerationCounter => _common.Read8(ConfigGeneration);

    public void SetConfigVector(ushort vector) => _common.Write16(ConfigMsixVector, vector);

    /// <summary>The largest size the device allows for queue <paramref name="index"/> (0: the queue does not exist).</summary>
    public int MaxQueueSize(int index)
    {
        _common.Write16(QueueSelect, (ushort)index);
        return _common.Read16(QueueSize);
    }

    /// <summary>Hands a queue's three areas to the device and enables it; false when the device refuses the MSI-X vector.</summary>
    public bool ActivateQueue(int index, SplitVirtqueue queue, ushort msixVector)
    {
        _common.Write16(QueueSelect, (ushort)index);
        _common.Write16(QueueSize, (ushort)queue.Size);
        _common.Write64(QueueDesc, queue.DescriptorTableAddress);
        _common.Write64(QueueDriver, queue.AvailableRingAddress);
        _common.Write64(QueueDevice, queue.UsedRingAddress);
        _common.Write16(QueueMsixVector, msixVector);
        bool vectorAccepted = _common.Read16(QueueMsixVector) == msixVector;
        ulong notifyOffset = (ulong)_common.Read16(QueueNotifyOff) * _notifyMultiplier;
        queue.AttachNotifier(_notify.Slice(notifyOffset, 2), (ushort)index);
        _common.Write16(QueueEnable, 1);
        return vectorAccepted;
    }
}
