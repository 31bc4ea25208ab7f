namespace Minnow.Net.Arp;

/// <summary>
/// The IPv4-to-MAC neighbour table (RFC 826, with RFC 1122 2.3.2 timeouts): a fixed number of
/// entries, each either resolved with an expiry or waiting for a reply with a queue of frames.
/// Programs can inspect it; only the interface changes it.
/// </summary>
public sealed class ArpCache
{
    private readonly ArpEntry[] _entries;

    public ArpCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new ArpEntry[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _entries[i] = new ArpEntry(Ipv4Address.Any);
        }
    }

    public int Capacity => _entries.Length;

    /// <summary>Waiting frames lost because their entry was evicted for another address.</summary>
    public long EvictedPendingFrames { get; private set; }

    public int Count
    {
        get
        {
            int count = 0;
            foreach (ArpEntry entry in _entries)
            {
                if (entry.InUse)
                {
                    count++;
                }
            }
            return count;
        }
    }

    public ArpEntry? Find(Ipv4Address address)
    {
        foreach (ArpEntry entry in _entries)
        {
            if (entry.InUse && entry.Address == address)
            {
                return entry;
            }
        }
        return null;
    }

    /// <summary>The MAC for an address if it resolved and has not expired.</summary>
    public bool TryLookup(Ipv4Address address, TimeSpan now, out MacAddress mac)
    {
        ArpEntry? entry = Find(address);
        if (entry is { State: ArpEntryState.Reachable } && entry.Deadline > now)
        {
            mac = entry.MacAddress;
            return true;
        }
        mac = default;
        return false;
    }

    /// <summary>Records a mapping learnt from an ARP packet, creating the entry when asked to.</summary>
    /// <returns>The entry, or null when it did not exist and <paramref name="create"/> was false.</returns>
    internal ArpEntry? Update(Ipv4Address address, MacAddress mac, TimeSpan now, TimeSpan lifetime, bool create)
    {
        ArpEntry? entry = Find(address);
        if (entry is null)
        {
            if (!create)
            {
                return null;
            }
            entry = Allocate(address);
        }
        entry.MacAddress = mac;
        entry.State = ArpEntryState.Reachable;
        entry.Deadline = now + lifetime;
        entry.RequestsSent = 0;
        return entry;
    }

    /// <summary>The incomplete entry for an address, created if absent; its first request is due now.</summary>
    internal ArpEntry GetOrCreateIncomplete(Ipv4Address address, TimeSpan now)
    {
        ArpEntry? entry = Find(address);
        if (entry is null)
        {
            entry = Allocate(address);
            entry.State = ArpEntryState.Incomplete;
            entry.Deadline = now;
            entry.RequestsSent = 0;
        }
        else if (entry.State == ArpEntryState.Reachable)
        {
            // Expired: resolve again, starting now.
            entry.State = ArpEntryState.Incomplete;
            entry.Deadline = now;
            entry.RequestsSent = 0;
        }
        return entry;
    }

    internal void Remove(ArpEntry entry)
    {
        entry.InUse = false;
        entry.Pending.Clear();
    }

    /// <summary>The entries in use, for timer processing.</summary>
    internal ArpEntry[] Entries => _entries;

    internal TimeSpan? EarliestDeadline()
    {
        TimeSpan? earliest = null;
        foreach (ArpEntry entry in _entries)
        {
            if (entry.InUse && (earliest is null || entry.Deadline < earliest))
            {
                earliest = entry.Deadline;
            }
        }
        return earliest;
    }

    private ArpEntry Allocate(Ipv4Address address)
    {
        // A free slot, else the reachable entry that expires first, else the oldest request.
        ArpEntry? victim = null;
        foreach (ArpEntry entry in _entries)
        {
            if (!entry.InUse)
            {
                victim = entry;
                break;
            }
            if (victim is null
                || (entry.State == ArpEntryState.Reachable && victim.State == ArpEntryState.Incomplete)
                || (entry.State == victim.State && entry.Deadline < victim.Deadline))
            {
                victim = entry;
            }
        }
        EvictedPendingFrames += victim!.Pending.Count;
        victim.Pending.Clear();
        victim.InUse = true;
        victim.Address = address;
        victim.MacAddress = default;
        return victim;
    }
}
