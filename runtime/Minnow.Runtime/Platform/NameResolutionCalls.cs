using System.Runtime.InteropServices;

namespace Minnow.Runtime.Platform;

/// <summary>
/// Name resolution without a resolver: IP literals never get here (the class library parses them
/// first), and every name is unknown (EAI_NONAME, SocketError.HostNotFound). No DNS client yet.
/// </summary>
internal static unsafe class NameResolutionCalls
{
    private const int EaiNoName = 5;   // PAL_EAI_NONAME (GetAddrInfoErrorFlags)

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetHostEntryForName")]
    private static int GetHostEntryForName(byte* address, int family, void* entry) => EaiNoName;

    // Only called after a successful lookup, which never happens; nothing was allocated.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FreeHostEntry")]
    private static void FreeHostEntry(void* entry)
    {
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetHostName")]
    private static int GetHostName(byte* name, int nameLength)
    {
        ReadOnlySpan<byte> hostName = "minnow"u8;
        if (name == null || nameLength <= hostName.Length)
            return Errno.Fail(Errno.EINVAL);
        hostName.CopyTo(new Span<byte>(name, nameLength));
        name[hostName.Length] = 0;
        return 0;
    }

    // Interface names (the scope of "fe80::1%eth0") are not known: 0, as for an unknown name.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_InterfaceNameToIndex")]
    private static uint InterfaceNameToIndex(byte* name) => 0;

    // Reverse lookups (Dns.GetHostEntry(IPAddress)): no resolver, so no name for any address.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetNameInfo")]
    private static int GetNameInfo(byte* address, uint addressLength, byte isIPv6, byte* host, uint hostLength, byte* service, uint serviceLength, int flags) => EaiNoName;
}
