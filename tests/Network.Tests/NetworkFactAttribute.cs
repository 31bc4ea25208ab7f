using Minnow.Qemu.Topology;

namespace Minnow.Network.Tests;

/// <summary>A test that builds namespaces, bridges and taps; skipped where this machine cannot.</summary>
public sealed class NetworkFactAttribute : FactAttribute
{
    public NetworkFactAttribute()
    {
        if (!NetworkNamespace.IsSupported(out string reason))
            Skip = reason;
    }
}
