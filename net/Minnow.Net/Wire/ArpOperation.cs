namespace Minnow.Net.Wire;

public enum ArpOperation : ushort
{
    Request = 1,
    Reply = 2,
}
