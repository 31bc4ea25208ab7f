using ILGPU;
using ILGPU.Runtime;

namespace Minnow.GpuServer;

/// <summary>
/// The CPU device's memory: allocations are ILGPU buffers on the CPU accelerator, and the addresses
/// handed to clients are numbers in a fake device address space (never reused, 256-byte aligned,
/// never 0) that map to (allocation, offset). Every access is checked against its allocation.
/// </summary>
internal sealed class DeviceMemory : IDisposable
{
    private const ulong BaseAddress = 0x7f00_0000_0000;
    private const ulong Alignment = 256;

    private readonly Accelerator _accelerator;
    private readonly SortedList<ulong, Allocation> _allocations = [];
    private ulong _next = BaseAddress;

    public DeviceMemory(Accelerator accelerator, ulong capacity)
    {
        _accelerator = accelerator;
        Capacity = capacity;
    }

    public ulong Capacity { get; }

    public ulong Used { get; private set; }

    public int AllocationCount => _allocations.Count;

    /// <summary>A new allocation's address; null when it does not fit in what is left.</summary>
    public ulong? Allocate(ulong bytes)
    {
        if (bytes > Capacity - Used)
        {
            return null;
        }
        ulong address = _next;
        _next += (bytes + Alignment - 1) / Alignment * Alignment + Alignment;
        _allocations.Add(address, new Allocation(address, bytes, _accelerator.Allocate1D<byte>((long)Math.Max(bytes, 1))));
        Used += bytes;
        return address;
    }

    /// <summary>Frees the allocation that starts at <paramref name="address"/>; false when none does.</summary>
    public bool Free(ulong address)
    {
        if (!_allocations.Remove(address, out Allocation? allocation))
        {
            return false;
        }
        Used -= allocation.Size;
        allocation.Buffer.Dispose();
        return true;
    }

    /// <summary>The bytes [address, address + length) as a view, when they lie inside one allocation.</summary>
    public bool TryGetView(ulong address, ulong length, out ArrayView<byte> view)
    {
        view = default;
        int low = 0, high = _allocations.Count - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            Allocation candidate = _allocations.GetValueAtIndex(middle);
            if (address < candidate.Address)
            {
                high = middle - 1;
            }
            else if (address - candidate.Address >= Math.Max(candidate.Size, 1))
            {
                low = middle + 1;
            }
            else
            {
                ulong offset = address - candidate.Address;
                if (length > candidate.Size - offset)
                {
                    return false;
                }
                view = candidate.Buffer.View.SubView((long)offset, (long)length);
                return true;
            }
        }
        return false;
    }

    public void Dispose()
    {
        foreach (Allocation allocation in _allocations.Values)
        {
            allocation.Buffer.Dispose();
        }
        _allocations.Clear();
    }

    private sealed record Allocation(ulong Address, ulong Size, MemoryBuffer1D<byte, Stride1D.Dense> Buffer);
}
