namespace Minnow.Runtime.Collection;

/// <summary>Why a collection ran.</summary>
internal enum CollectionReason
{
    /// <summary>The allocation budget since the last collection was spent.</summary>
    Budget,
    /// <summary>The page allocator had no memory for the heap: empty segments are all given back.</summary>
    OutOfMemory,
    /// <summary>GC.Collect or the finalizer thread's low-memory request.</summary>
    Induced,
    /// <summary>The gcstress kernel option.</summary>
    Stress,
}
