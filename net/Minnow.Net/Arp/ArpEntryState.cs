namespace Minnow.Net.Arp;

public enum ArpEntryState
{
    /// <summary>A request is out; packets to the address wait in the entry's queue.</summary>
    Incomplete,
    Reachable,
}
