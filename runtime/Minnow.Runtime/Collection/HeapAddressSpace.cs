using Minnow.Kernel.Memory;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Where heap objects live: RAM is mapped a second time at <see cref="AliasBase"/> and the heap hands
/// out only addresses in that alias. The conservative stack scan takes any word that points into an
/// allocated object as a reference; with the heap at 0x7E00_0000_0000 and up, integers below 2^46,
/// normal doubles, and pointers to anything else (the image, stacks, native memory, all identity-mapped
/// below 4 GiB or RAM's end) can never look like one. Without it a 16 MiB array at physical 16 MiB
/// would be kept alive by any stack slot holding a number between 16 and 32 million.
/// </summary>
internal static class HeapAddressSpace
{
    public const ulong AliasBase = 0x0000_7E00_0000_0000;

    public static bool Initialize() => PageTables.MapAlias(AliasBase, PhysicalMemory.HighestAddress);

    /// <summary>The heap address of identity-mapped <paramref name="physical"/> memory.</summary>
    public static ulong FromPhysical(ulong physical) => physical + AliasBase;

    /// <summary>The identity (physical) address of heap address <paramref name="heap"/>, for the page allocator.</summary>
    public static ulong ToPhysical(ulong heap) => heap - AliasBase;
}
