namespace Minnow.Net.Tests.Support;

/// <summary>A fact that talks to Linux through a TAP device; skipped where <see cref="TapDevice.IsAvailable"/> is false.</summary>
public sealed class TapFactAttribute : FactAttribute
{
    public TapFactAttribute()
    {
        if (!TapDevice.IsAvailable)
        {
            Skip = "needs root, /dev/net/tun, iproute2 and python3 to run Linux in a network namespace";
        }
    }
}
