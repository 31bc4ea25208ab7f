namespace Minnow.Net.Raw;

public enum RawSendStatus
{
    Ok,
    BufferFull,
    /// <summary>Longer than the device's frames can carry.</summary>
    TooLarge,
    Closed,
}
