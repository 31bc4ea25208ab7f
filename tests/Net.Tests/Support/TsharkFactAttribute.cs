namespace Minnow.Net.Tests.Support;

/// <summary>A fact that needs Wireshark's tshark (Debian package tshark); reported as skipped where it is missing.</summary>
public sealed class TsharkFactAttribute : FactAttribute
{
    public TsharkFactAttribute()
    {
        if (Tshark.Path is null)
        {
            Skip = "tshark is not installed (apt-get install tshark)";
        }
    }
}
