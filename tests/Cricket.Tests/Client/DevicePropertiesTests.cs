using System.Buffers.Binary;
using Minnow.Rpc.Cricket;

namespace Cricket.Tests.Client;

public sealed class DevicePropertiesTests
{
    [Fact]
    public void FieldsAreReadAtCudaDevicePropOffsets()
    {
        var raw = new byte[1032];
        "NVIDIA H200"u8.CopyTo(raw);
        BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(288), 150_000_000_000UL);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(308), 32);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(320), 1024);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(336), int.MaxValue);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(360), 9);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(364), 0);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(388), 132);

        DeviceProperties properties = DeviceProperties.Parse(raw);

        Assert.Equal("NVIDIA H200", properties.Name);
        Assert.Equal(150_000_000_000UL, properties.TotalGlobalMemory);
        Assert.Equal(32, properties.WarpSize);
        Assert.Equal(1024, properties.MaxThreadsPerBlock);
        Assert.Equal(int.MaxValue, properties.MaxGridSize.X);
        Assert.Equal("9.0", properties.ComputeCapability);
        Assert.Equal(132, properties.MultiProcessorCount);
    }

    [Fact]
    public void ToBytesRoundTrips()
    {
        var properties = new DeviceProperties
        {
            Name = "Minnow CPU",
            Uuid = Guid.NewGuid(),
            TotalGlobalMemory = 1UL << 32,
            SharedMemoryPerBlock = 48 << 10,
            RegistersPerBlock = 65536,
            WarpSize = 32,
            MaxThreadsPerBlock = 1024,
            MaxThreadsDim = (1024, 1024, 64),
            MaxGridSize = (int.MaxValue, 65535, 65535),
            ClockRateKilohertz = 1_000_000,
            TotalConstantMemory = 64 << 10,
            ComputeCapabilityMajor = 5,
            ComputeCapabilityMinor = 2,
            MultiProcessorCount = 2,
        };
        Assert.Equal(properties, DeviceProperties.Parse(properties.ToBytes()));
    }

    [Fact]
    public void OtherSizesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => DeviceProperties.Parse(new byte[1024]));
    }
}
