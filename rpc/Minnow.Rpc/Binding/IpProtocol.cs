namespace Minnow.Rpc.Binding;

/// <summary>The protocol numbers the portmapper uses (<c>IPPROTO_TCP</c>, <c>IPPROTO_UDP</c>).</summary>
public enum IpProtocol : uint
{
    Tcp = 6,
    Udp = 17,
}
