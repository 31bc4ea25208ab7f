using System.Runtime.InteropServices;

namespace Minnow.Kernel.Boot;

/// <summary>Xen's hvm_start_info (version 1), which a PVH loader hands over in ebx. Layout is the ABI.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PvhStartInfo
{
    public const uint ExpectedMagic = 0x336ec578;

    public uint Magic;
    public uint Version;
    public uint Flags;
    public uint ModuleCount;
    public ulong ModuleListAddress;
    public ulong CommandLineAddress;
    public ulong RsdpAddress;
    public ulong MemoryMapAddress;
    public uint MemoryMapEntries;
    public uint Reserved;
}

/// <summary>One hvm_memmap_table_entry: an E820-style range.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PvhMemoryMapEntry
{
    public const uint TypeRam = 1;

    public ulong Address;
    public ulong Size;
    public uint Type;
    public uint Reserved;
}
