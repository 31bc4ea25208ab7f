using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Minnow.Rpc.Binding;

/// <summary>
/// rpcbind's universal addresses for TCP and UDP (RFC 5665): the IP address in its usual text form,
/// then the port as two decimal bytes, as in <c>127.0.0.1.3.233</c> for port 1001.
/// </summary>
public static class UniversalAddress
{
    public static string Format(IPEndPoint endPoint)
        => string.Create(CultureInfo.InvariantCulture, $"{endPoint.Address}.{endPoint.Port >> 8}.{endPoint.Port & 0xff}");

    /// <summary>Parses a universal address; null when it is not one (rpcbind answers "" for unknown programs).</summary>
    public static IPEndPoint? TryParse(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }
        int low = address.LastIndexOf('.');
        int high = low > 0 ? address.LastIndexOf('.', low - 1) : -1;
        if (high <= 0
            || !byte.TryParse(address.AsSpan(high + 1, low - high - 1), NumberStyles.None, CultureInfo.InvariantCulture, out byte portHigh)
            || !byte.TryParse(address.AsSpan(low + 1), NumberStyles.None, CultureInfo.InvariantCulture, out byte portLow)
            || !IPAddress.TryParse(address.AsSpan(0, high), out IPAddress? ip)
            || ip.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return null;
        }
        return new IPEndPoint(ip, (portHigh << 8) | portLow);
    }
}
