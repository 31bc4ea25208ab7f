using System.Buffers.Binary;
using System.Text;

namespace Minnow.Rpc.Cricket;

/// <summary>
/// The fields of the server's cudaDeviceProp that workloads use, parsed from the 1032 raw bytes
/// Cricket returns (procedure 120). The offsets are those of struct cudaDeviceProp in CUDA 12's
/// driver_types.h on a 64-bit little-endian host (size_t 8 bytes, natural alignment):
/// <code>
///   0 char name[256]            256 cudaUUID_t uuid (16)     272 char luid[8]
/// 280 unsigned luidDeviceNodeMask (+4 padding)
/// 288 size_t totalGlobalMem     296 size_t sharedMemPerBlock 304 int regsPerBlock
/// 308 int warpSize              312 size_t memPitch          320 int maxThreadsPerBlock
/// 324 int maxThreadsDim[3]      336 int maxGridSize[3]       348 int clockRate
/// 352 size_t totalConstMem      360 int major                364 int minor
/// 368 size_t textureAlignment   376 size_t texturePitchAlignment
/// 384 int deviceOverlap         388 int multiProcessorCount  ... 1032 bytes in all
/// </code>
/// </summary>
public sealed record DeviceProperties
{
    /// <summary>sizeof(struct cudaDeviceProp) the protocol carries.</summary>
    public const int Size = 1032;

    public const int NameOffset = 0;
    public const int NameLength = 256;
    public const int UuidOffset = 256;
    public const int TotalGlobalMemoryOffset = 288;
    public const int SharedMemoryPerBlockOffset = 296;
    public const int RegistersPerBlockOffset = 304;
    public const int WarpSizeOffset = 308;
    public const int MaxThreadsPerBlockOffset = 320;
    public const int MaxThreadsDimOffset = 324;
    public const int MaxGridSizeOffset = 336;
    public const int ClockRateOffset = 348;
    public const int TotalConstantMemoryOffset = 352;
    public const int MajorOffset = 360;
    public const int MinorOffset = 364;
    public const int MultiProcessorCountOffset = 388;

    public string Name { get; init; } = "";

    public Guid Uuid { get; init; }

    public ulong TotalGlobalMemory { get; init; }

    public ulong SharedMemoryPerBlock { get; init; }

    public int RegistersPerBlock { get; init; }

    public int WarpSize { get; init; }

    public int MaxThreadsPerBlock { get; init; }

    public (int X, int Y, int Z) MaxThreadsDim { get; init; }

    public (int X, int Y, int Z) MaxGridSize { get; init; }

    /// <summary>Kilohertz; deprecated in CUDA 12 and 0 on some drivers.</summary>
    public int ClockRateKilohertz { get; init; }

    public ulong TotalConstantMemory { get; init; }

    public int ComputeCapabilityMajor { get; init; }

    public int ComputeCapabilityMinor { get; init; }

    public int MultiProcessorCount { get; init; }

    /// <summary>The compute capability as "major.minor".</summary>
    public string ComputeCapability => $"{ComputeCapabilityMajor}.{ComputeCapabilityMinor}";

    public static DeviceProperties Parse(ReadOnlySpan<byte> raw)
    {
        if (raw.Length != Size)
        {
            throw new ArgumentException($"cudaDeviceProp is {Size} bytes, not {raw.Length}", nameof(raw));
        }
        ReadOnlySpan<byte> name = raw.Slice(NameOffset, NameLength);
        int end = name.IndexOf((byte)0);
        return new DeviceProperties
        {
            Name = Encoding.UTF8.GetString(end < 0 ? name : name[..end]),
            Uuid = new Guid(raw.Slice(UuidOffset, 16)),
            TotalGlobalMemory = U64(raw, TotalGlobalMemoryOffset),
            SharedMemoryPerBlock = U64(raw, SharedMemoryPerBlockOffset),
            RegistersPerBlock = I32(raw, RegistersPerBlockOffset),
            WarpSize = I32(raw, WarpSizeOffset),
            MaxThreadsPerBlock = I32(raw, MaxThreadsPerBlockOffset),
            MaxThreadsDim = (I32(raw, MaxThreadsDimOffset), I32(raw, MaxThreadsDimOffset + 4), I32(raw, MaxThreadsDimOffset + 8)),
            MaxGridSize = (I32(raw, MaxGridSizeOffset), I32(raw, MaxGridSizeOffset + 4), I32(raw, MaxGridSizeOffset + 8)),
            ClockRateKilohertz = I32(raw, ClockRateOffset),
            TotalConstantMemory = U64(raw, TotalConstantMemoryOffset),
            ComputeCapabilityMajor = I32(raw, MajorOffset),
            ComputeCapabilityMinor = I32(raw, MinorOffset),
            MultiProcessorCount = I32(raw, MultiProcessorCountOffset),
        };
    }

    /// <summary>The 1032-byte cudaDeviceProp with these fields set and every other byte zero (what a server sends).</summary>
    public byte[] ToBytes()
    {
        var raw = new byte[Size];
        byte[] name = Encoding.UTF8.GetBytes(Name);
        name.AsSpan(0, Math.Min(name.Length, NameLength - 1)).CopyTo(raw.AsSpan(NameOffset));
        Uuid.TryWriteBytes(raw.AsSpan(UuidOffset, 16));
        BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(TotalGlobalMemoryOffset), TotalGlobalMemory);
        BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(SharedMemoryPerBlockOffset), SharedMemoryPerBlock);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(RegistersPerBlockOffset), RegistersPerBlock);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(WarpSizeOffset), WarpSize);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MaxThreadsPerBlockOffset), MaxThreadsPerBlock);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MaxThreadsDimOffset), MaxThreadsDim.X);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MaxThreadsDimOffset + 4), MaxThreadsDim.Y);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MaxThreadsDimOffset + 8), MaxThreadsDim.Z);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MaxGridSizeOffset), MaxGridSize.X);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MaxGridSizeOffset + 4), MaxGridSize.Y);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MaxGridSizeOffset + 8), MaxGridSize.Z);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(ClockRateOffset), ClockRateKilohertz);
        BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(TotalConstantMemoryOffset), TotalConstantMemory);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MajorOffset), ComputeCapabilityMajor);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MinorOffset), ComputeCapabilityMinor);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(MultiProcessorCountOffset), MultiProcessorCount);
        return raw;
    }

    private static ulong U64(ReadOnlySpan<byte> raw, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(raw[offset..]);

    private static int I32(ReadOnlySpan<byte> raw, int offset) => BinaryPrimitives.ReadInt32LittleEndian(raw[offset..]);
}
