namespace Minnow.Net.Wire;

public enum IcmpStatus
{
    Ok,
    Truncated,
    BadChecksum,
}
