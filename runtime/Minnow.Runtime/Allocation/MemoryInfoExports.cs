using System.Runtime;
using Minnow.Kernel.Memory;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// GC.GetGCMemoryInfo's data. CoreLib passes the first field of its GCMemoryInfoData object; the
/// offsets below are where ilc 10.0.12 lays those fields out (checked by the memory-size test).
/// </summary>
internal static unsafe class MemoryInfoExports
{
    private const int HighMemoryLoadThresholdBytes = 0x00;
    private const int TotalAvailableMemoryBytes = 0x08;
    private const int MemoryLoadBytes = 0x10;
    private const int HeapSizeBytes = 0x18;
    private const int TotalCommittedBytes = 0x28;

    [RuntimeExport("RhGetMemoryInfo")]
    private static void GetMemoryInfo(byte* data, int kind)
    {
        long total = (long)PhysicalMemory.TotalBytes;
        long used = total - (long)PhysicalMemory.FreeBytes;
        *(long*)(data + HighMemoryLoadThresholdBytes) = total / 100 * 90;
        *(long*)(data + TotalAvailableMemoryBytes) = total;
        *(long*)(data + MemoryLoadBytes) = used;
        *(long*)(data + HeapSizeBytes) = (long)GcHeap.BytesInUse;
        *(long*)(data + TotalCommittedBytes) = (long)GcHeap.HeapBytes;
    }
}
