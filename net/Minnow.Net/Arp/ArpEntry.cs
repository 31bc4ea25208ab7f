namespace Minnow.Net.Arp;

/// <summary>One address in the <see cref="ArpCache"/>, with the frames waiting for it to resolve.</summary>
public sealed class ArpEntry
{
    private readonly Queue<byte[]> _pending = new();

    internal ArpEntry(Ipv4Address address) => Address = address;

    public Ipv4Address Address { get; internal set; }

    public MacAddress MacAddress { get; internal set; }

    public ArpEntryState State { get; internal set; }

    /// <summary>When a reachable entry expires, or when an incomplete one sends its next request.</summary>
    public TimeSpan Deadline { get; internal set; }

    public int RequestsSent { get; internal set; }

    public int PendingCount => _pending.Count;

    /// <summary>Whole frames, headers written except the destination MAC.</summary>
    /// <remarks>Copied into new arrays: this happens once per address per resolution, not per packet of a flow.</remarks>
    internal Queue<byte[]> Pending => _pending;

    internal bool InUse { get; set; }
}
