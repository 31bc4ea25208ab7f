using Minnow.Drivers.Hardware;

namespace Minnow.Drivers.Virtio;

/// <summary>
/// A virtio split virtqueue (virtio 1.x, 2.7) with one fixed DMA buffer per descriptor. Each
/// descriptor is owned by exactly one side at a time: free, lent to the driver's user, or posted to
/// the device. The driver touches a buffer only while it is not posted, and everything the device
/// returns through the used ring (descriptor index, length, the index counter itself) is checked
/// against that ownership before it is believed; a device that breaks the rules gets its entries
/// dropped and counted, never followed.
/// </summary>
public sealed class SplitVirtqueue
{
    private const ushort DescriptorWrite = 2;
    private const ushort AvailNoInterrupt = 1;
    private const ushort UsedNoNotify = 1;

    private enum Owner : byte { Free, Driver, Device }

    private readonly DmaRegion _descriptors;
    private readonly DmaRegion _available;
    private readonly DmaRegion _used;
    private readonly DmaRegion _buffers;
    private readonly Owner[] _owners;
    private readonly Stack<ushort> _free;
    private ushort _availableIndex;
    private ushort _lastUsedIndex;
    private MmioRegion _notify;
    private ushort _queueIndex;
    private bool _pendingNotify;

    private SplitVirtqueue(int size, int bufferSize, DmaRegion descriptors, DmaRegion available, DmaRegion used, DmaRegion buffers)
    {
        Size = size;
        BufferSize = bufferSize;
        _descriptors = descriptors;
        _available = available;
        _used = used;
        _buffers = buffers;
        _owners = new Owner[size];
        _free = new Stack<ushort>(size);
        for (int i = size - 1; i >= 0; i--)
            _free.Push((ushort)i);
    }

    public int Size { get; }
    public int BufferSize { get; }
    public ulong DescriptorTableAddress => _descriptors.PhysicalAddress(0);
    public ulong AvailableRingAddress => _available.PhysicalAddress(0);
    public ulong UsedRingAddress => _used.PhysicalAddress(0);

    /// <summary>Used-ring entries dropped because they broke the rules (bad index, not posted, bad length).</summary>
    public long InvalidCompletions { get; private set; }

    public int FreeCount => _free.Count;

    /// <summary>A queue of <paramref name="size"/> (a power of two) descriptors with buffers of <paramref name="bufferSize"/> bytes; null when memory is short.</summary>
    public static SplitVirtqueue? Create(int size, int bufferSize)
    {
        if (size <= 0 || size > 32768 || (size & (size - 1)) != 0 || bufferSize <= 0)
            return null;
        var descriptors = DmaRegion.Allocate(16 * size);
        var available = DmaRegion.Allocate(6 + 2 * size);
        var used = DmaRegion.Allocate(6 + 8 * size);
        var buffers = DmaRegion.Allocate(checked(size * bufferSize));
        if (descriptors == null || available == null || used == null || buffers == null)
            return null;
        return new SplitVirtqueue(size, bufferSize, descriptors, available, used, buffers);
    }

    internal void AttachNotifier(MmioRegion notify, ushort queueIndex)
    {
        _notify = notify;
        _queueIndex = queueIndex;
    }

    /// <summary>Asks the device not to interrupt for this queue (transmit completions are reaped when polled).</summary>
    public void SuppressInterrupts() => _available.WriteUInt16(0, AvailNoInterrupt);

    /// <summary>Asks the device to interrupt again when it uses a buffer of this queue. The fence
    /// orders the flag's store before the caller's next read of the used ring (x86 may otherwise
    /// let that load pass the store, and a completion in between would go unnoticed).</summary>
    public void EnableInterrupts()
    {
        _available.WriteUInt16(0, 0);
        Interlocked.MemoryBarrier();
    }

    /// <summary>Takes a free descriptor for the driver to fill.</summary>
    public bool TryTakeFree(out int id)
    {
        if (!_free.TryPop(out ushort taken))
        {
            id = -1;
            return false;
        }
        _owners[taken] = Owner.Driver;
        id = taken;
        return true;
    }

    /// <summary>The buffer of a descriptor the driver holds.</summary>
    public Span<byte> Buffer(int id, int length)
    {
        if ((uint)id >= (uint)Size || _owners[id] != Owner.Driver || (uint)length > (uint)BufferSize)
            Kernel.Panic.Fail("virtqueue buffer access to a descriptor the driver does not hold (a driver bug)");
        return _buffers.Span(id * BufferSize, length);
    }

    /// <summary>Posts a held descriptor to the device: <paramref name="length"/> bytes to read, or a buffer to write into.</summary>
    public void Post(int id, int length, bool deviceWritable)
    {
        if ((uint)id >= (uint)Size || _owners[id] != Owner.Driver || (uint)length > (uint)BufferSize)
            Kernel.Panic.Fail("virtqueue post of a descriptor the driver does not hold (a driver bug)");
        Publish(id, _buffers.PhysicalAddress(id * BufferSize), length, deviceWritable);
    }

    /// <summary>
    /// Posts a held descriptor with a buffer of the caller's instead of its own: <paramref name="length"/>
    /// bytes at <paramref name="offset"/> of <paramref name="region"/>, which the caller must leave
    /// alone until the descriptor comes back (virtio-net's large transmit buffers).
    /// </summary>
    public void PostExternal(int id, DmaRegion region, int offset, int length)
    {
        if ((uint)id >= (uint)Size || _owners[id] != Owner.Driver || length <= 0 || (uint)offset > (uint)(region.Length - length))
            Kernel.Panic.Fail("virtqueue post of a descriptor the driver does not hold, or outside its buffer (a driver bug)");
        Publish(id, region.PhysicalAddress(offset), length, deviceWritable: false);
    }

    private void Publish(int id, ulong address, int length, bool deviceWritable)
    {
        int at = id * 16;
        _descriptors.WriteUInt64(at, address);
        _descriptors.WriteUInt32(at + 8, (uint)length);
        _descriptors.WriteUInt16(at + 12, deviceWritable ? DescriptorWrite : (ushort)0);
        _descriptors.WriteUInt16(at + 14, 0);
        _owners[id] = Owner.Device;
        _available.WriteUInt16(4 + 2 * (_availableIndex % Size), (ushort)id);
        // The ring entry must be visible before the index that publishes it (x86 keeps stores in
        // order; the volatile writes keep the compiler from reordering them).
        _availableIndex++;
        _available.WriteUInt16(2, _availableIndex);
        _pendingNotify = true;
    }

    /// <summary>Tells the device about newly posted descriptors, unless it asked not to be told.</summary>
    public void NotifyIfNeeded()
    {
        if (!_pendingNotify)
            return;
        _pendingNotify = false;
        if ((_used.ReadUInt16(0) & UsedNoNotify) == 0 && !_notify.IsEmpty)
            _notify.Write16(0, _queueIndex);
    }

    /// <summary>Whether the device has returned descriptors not yet taken.</summary>
    public bool HasCompletions => _used.ReadUInt16(2) != _lastUsedIndex;

    /// <summary>Takes the next descriptor the device returned, with the byte count it wrote; skips invalid entries.</summary>
    public bool TryTakeCompletion(out int id, out int length)
    {
        while (true)
        {
            ushort deviceIndex = _used.ReadUInt16(2);
            if (deviceIndex == _lastUsedIndex)
            {
                id = length = -1;
                return false;
            }
            if ((ushort)(deviceIndex - _lastUsedIndex) > Size)
            {
                // The device claims more completions than descriptors exist: resynchronise, count, stop.
                InvalidCompletions++;
                _lastUsedIndex = deviceIndex;
                id = length = -1;
                return false;
            }
            int slot = 4 + 8 * (_lastUsedIndex % Size);
            uint usedId = _used.ReadUInt32(slot);
            uint usedLength = _used.ReadUInt32(slot + 4);
            _lastUsedIndex++;
            if (usedId >= (uint)Size || _owners[usedId] != Owner.Device || usedLength > (uint)BufferSize)
            {
                InvalidCompletions++;
                continue;
            }
            _owners[usedId] = Owner.Driver;
            id = (int)usedId;
            length = (int)usedLength;
            return true;
        }
    }

    /// <summary>Gives a held descriptor back to the free pool.</summary>
    public void Release(int id)
    {
        if ((uint)id >= (uint)Size || _owners[id] != Owner.Driver)
            Kernel.Panic.Fail("virtqueue release of a descriptor the driver does not hold (a driver bug)");
        _owners[id] = Owner.Free;
        _free.Push((ushort)id);
    }
}
