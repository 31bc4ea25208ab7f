namespace Minnow.Drivers.Virtio;

/// <summary>The device status bits of virtio 1.x (section 2.1).</summary>
[Flags]
public enum VirtioStatus : byte
{
    Reset = 0,
    Acknowledge = 1,
    Driver = 2,
    DriverOk = 4,
    FeaturesOk = 8,
    DeviceNeedsReset = 64,
    Failed = 128,
}
