using System.Net.NetworkInformation;
using Minnow.Net;
using Minnow.Net.Raw;

namespace Minnow.Platform;

/// <summary>
/// Frames of one EtherType on one VLAN, sent and received whole (payload after the Ethernet and
/// 802.1Q headers). Receiving blocks until a frame arrives or the timeout passes; the network thread
/// wakes waiters after every poll.
/// </summary>
public sealed class RawEthernet : IDisposable
{
    private readonly Interface _interface;
    private readonly object _sync;
    private readonly RawEndpoint _endpoint;

    internal RawEthernet(Interface iface, object sync, RawEndpoint endpoint)
    {
        _interface = iface;
        _sync = sync;
        _endpoint = endpoint;
    }

    public ushort EtherType => _endpoint.EtherType;
    public ushort VlanId => _endpoint.VlanId;

    /// <summary>The largest payload one frame carries.</summary>
    public int MaxPayloadLength => _endpoint.MaxPayloadLength;

    public static PhysicalAddress Broadcast { get; } = PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF");

    /// <summary>Queues a frame to <paramref name="destination"/> and sends it; false (with the reason) when it cannot go.</summary>
    public bool TrySend(PhysicalAddress destination, ReadOnlySpan<byte> payload, out string? problem)
    {
        byte[] mac = destination.GetAddressBytes();
        if (mac.Length != 6)
            throw new ArgumentException("an Ethernet address has 6 bytes", nameof(destination));
        lock (_sync)
        {
            var status = _endpoint.TrySend(new MacAddress(mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]), payload);
            _interface.Poll(_interface.Now);
            problem = status == RawSendStatus.Ok ? null : status.ToString();
            return status == RawSendStatus.Ok;
        }
    }

    /// <summary>The next frame's payload into <paramref name="buffer"/>; 0 bytes and a null source when the timeout passed first.</summary>
    public int Receive(Span<byte> buffer, TimeSpan timeout, out PhysicalAddress? source)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_sync)
        {
            while (true)
            {
                if (_endpoint.TryReceive(buffer, out int length, out MacAddress from))
                {
                    source = ToPhysical(from);
                    return length;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    source = null;
                    return 0;
                }
                Monitor.Wait(_sync, left);
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
            _endpoint.Close();
    }

    internal static PhysicalAddress ToPhysical(MacAddress mac)
    {
        ulong value = mac.Value;
        return new PhysicalAddress([(byte)(value >> 40), (byte)(value >> 32), (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }
}
