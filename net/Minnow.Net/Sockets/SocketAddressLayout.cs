using System.Buffers.Binary;

namespace Minnow.Net.Sockets;

/// <summary>
/// The Linux socket address layout, byte for byte, behind the class library's opaque
/// SocketAddress buffers: sockaddr_in is 16 bytes (family u16 little-endian = 2, port u16
/// big-endian, the address in network order, 8 zero bytes), sockaddr_in6 28 bytes (family 10,
/// port, flowinfo, 16 address bytes, scope id). Families arrive as System.Net.Sockets.AddressFamily
/// values and are stored as Linux AF_* values. Errors are the stock helpers' codes: EFAULT for a
/// buffer too short, EAFNOSUPPORT for a family without ports, EINVAL for a family mismatch.
/// </summary>
public static class SocketAddressLayout
{
    public const int Ipv4Size = 16;
    public const int Ipv6Size = 28;
    public const int UnixSize = 110;
    public const int MaxSize = 128;
    public const int UnixPathOffset = 2;
    public const int UnixPathSize = 108;

    public const int ManagedUnspecified = 0, ManagedUnix = 1, ManagedInterNetwork = 2, ManagedInterNetworkV6 = 23,
        ManagedPacket = 65536, ManagedControllerAreaNetwork = 65537, ManagedUnknown = -1;

    public const ushort PlatformUnspecified = 0, PlatformUnix = 1, PlatformInet = 2, PlatformInet6 = 10,
        PlatformPacket = 17, PlatformCan = 29;

    private const int FamilyEnd = 2;
    private const int PortEnd = 4;

    public static bool TryFamilyToPlatform(int managed, out ushort platform)
    {
        platform = managed switch
        {
            ManagedUnspecified => PlatformUnspecified,
            ManagedUnix => PlatformUnix,
            ManagedInterNetwork => PlatformInet,
            ManagedInterNetworkV6 => PlatformInet6,
            ManagedPacket => PlatformPacket,
            ManagedControllerAreaNetwork => PlatformCan,
            _ => ushort.MaxValue,
        };
        return platform != ushort.MaxValue;
    }

    public static int FamilyFromPlatform(ushort platform) => platform switch
    {
        PlatformUnspecified => ManagedUnspecified,
        PlatformUnix => ManagedUnix,
        PlatformInet => ManagedInterNetwork,
        PlatformInet6 => ManagedInterNetworkV6,
        PlatformPacket => ManagedPacket,
        PlatformCan => ManagedControllerAreaNetwork,
        _ => ManagedUnknown,
    };

    public static PalError GetAddressFamily(ReadOnlySpan<byte> address, out int family)
    {
        family = ManagedUnknown;
        if (address.Length < FamilyEnd)
        {
            return PalError.EFAULT;
        }
        family = FamilyFromPlatform(PlatformFamily(address));
        return PalError.SUCCESS;
    }

    public static PalError SetAddressFamily(Span<byte> address, int family)
    {
        if (address.Length < FamilyEnd)
        {
            return PalError.EFAULT;
        }
        if (!TryFamilyToPlatform(family, out ushort platform))
        {
            return PalError.EAFNOSUPPORT;
        }
        BinaryPrimitives.WriteUInt16LittleEndian(address, platform);
        return PalError.SUCCESS;
    }

    public static PalError GetPort(ReadOnlySpan<byte> address, out ushort port)
    {
        port = 0;
        PalError error = CheckPortAccess(address);
        if (error == PalError.SUCCESS)
        {
            port = BinaryPrimitives.ReadUInt16BigEndian(address[FamilyEnd..]);
        }
        return error;
    }

    public static PalError SetPort(Span<byte> address, ushort port)
    {
        PalError error = CheckPortAccess(address);
        if (error == PalError.SUCCESS)
        {
            BinaryPrimitives.WriteUInt16BigEndian(address[FamilyEnd..], port);
        }
        return error;
    }

    /// <summary>The address as stored: network byte order read as a native (little-endian) uint32.</summary>
    public static PalError GetIPv4Address(ReadOnlySpan<byte> address, out uint value)
    {
        value = 0;
        if (address.Length < Ipv4Size)
        {
            return PalError.EFAULT;
        }
        if (PlatformFamily(address) != PlatformInet)
        {
            return PalError.EINVAL;
        }
        value = BinaryPrimitives.ReadUInt32LittleEndian(address[4..]);
        return PalError.SUCCESS;
    }

    public static PalError SetIPv4Address(Span<byte> address, uint value)
    {
        if (address.Length < Ipv4Size)
        {
            return PalError.EFAULT;
        }
        if (PlatformFamily(address) != PlatformInet)
        {
            return PalError.EINVAL;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(address[4..], value);
        return PalError.SUCCESS;
    }

    public static PalError GetIPv6Address(ReadOnlySpan<byte> address, Span<byte> ipAddress, out uint scopeId)
    {
        scopeId = 0;
        if (address.Length < Ipv6Size || ipAddress.Length < 16)
        {
            return PalError.EFAULT;
        }
        if (PlatformFamily(address) != PlatformInet6)
        {
            return PalError.EINVAL;
        }
        address.Slice(8, 16).CopyTo(ipAddress);
        scopeId = BinaryPrimitives.ReadUInt32LittleEndian(address[24..]);
        return PalError.SUCCESS;
    }

    public static PalError SetIPv6Address(Span<byte> address, ReadOnlySpan<byte> ipAddress, uint scopeId)
    {
        if (address.Length < Ipv6Size || ipAddress.Length < 16)
        {
            return PalError.EFAULT;
        }
        if (PlatformFamily(address) != PlatformInet6)
        {
            return PalError.EINVAL;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(address[4..], 0);
        ipAddress[..16].CopyTo(address[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(address[24..], scopeId);
        return PalError.SUCCESS;
    }

    /// <summary>Reads an IPv4 endpoint as bind/connect/sendto do: EINVAL when shorter than sockaddr_in, EAFNOSUPPORT for another family.</summary>
    public static PalError ReadIpv4Endpoint(ReadOnlySpan<byte> address, out Ipv4Endpoint endpoint)
    {
        endpoint = default;
        if (address.Length < FamilyEnd)
        {
            return PalError.EINVAL;
        }
        if (PlatformFamily(address) != PlatformInet)
        {
            return PalError.EAFNOSUPPORT;
        }
        if (address.Length < Ipv4Size)
        {
            return PalError.EINVAL;
        }
        endpoint = new Ipv4Endpoint(Ipv4Address.Read(address[4..]), BinaryPrimitives.ReadUInt16BigEndian(address[FamilyEnd..]));
        return PalError.SUCCESS;
    }

    /// <summary>
    /// Writes a sockaddr_in, truncated to the buffer as the kernel truncates it.
    /// </summary>
    /// <returns>The full length, 16, which the caller reports (accept/getsockname semantics).</returns>
    public static int WriteIpv4Endpoint(Span<byte> address, Ipv4Endpoint endpoint)
    {
        Span<byte> full = stackalloc byte[Ipv4Size];
        BinaryPrimitives.WriteUInt16LittleEndian(full, PlatformInet);
        BinaryPrimitives.WriteUInt16BigEndian(full[FamilyEnd..], endpoint.Port);
        endpoint.Address.Write(full[4..]);
        full[..Math.Min(Ipv4Size, address.Length)].CopyTo(address);
        return Ipv4Size;
    }

    private static ushort PlatformFamily(ReadOnlySpan<byte> address) => BinaryPrimitives.ReadUInt16LittleEndian(address);

    private static PalError CheckPortAccess(ReadOnlySpan<byte> address)
    {
        if (address.Length < FamilyEnd)
        {
            return PalError.EFAULT;
        }
        ushort family = PlatformFamily(address);
        if (family != PlatformInet && family != PlatformInet6)
        {
            return PalError.EAFNOSUPPORT;
        }
        return address.Length < PortEnd ? PalError.EFAULT : PalError.SUCCESS;
    }
}
