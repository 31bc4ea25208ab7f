namespace Minnow.Rpc.Cricket;

/// <summary>
/// An address in the remote device's memory, as the server returned it from cudaMalloc. Cricket
/// passes device addresses through unchanged, so arithmetic on them (an offset into an allocation)
/// is meaningful to the server.
/// </summary>
public readonly record struct DevicePointer(ulong Address)
{
    public static DevicePointer Null => default;

    public bool IsNull => Address == 0;

    /// <summary>The address <paramref name="bytes"/> further on.</summary>
    public DevicePointer Offset(ulong bytes) => new(checked(Address + bytes));

    public override string ToString() => $"0x{Address:x}";
}
