using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Messages;

/// <summary><c>authsys_parms</c> of RFC 5531: the body of an AUTH_SYS credential.</summary>
public sealed record AuthSysParameters(uint Stamp, string MachineName, uint Uid, uint Gid, IReadOnlyList<uint> Gids)
{
    public const int MaxMachineNameLength = 255;
    public const int MaxGids = 16;

    public void Encode(XdrWriter writer)
    {
        writer.WriteUInt32(Stamp);
        writer.WriteString(MachineName, MaxMachineNameLength);
        writer.WriteUInt32(Uid);
        writer.WriteUInt32(Gid);
        writer.WriteArray(Gids, static (w, gid) => w.WriteUInt32(gid), MaxGids);
    }

    public static AuthSysParameters Decode(ref XdrReader reader)
    {
        uint stamp = reader.ReadUInt32();
        string machineName = reader.ReadString(MaxMachineNameLength);
        uint uid = reader.ReadUInt32();
        uint gid = reader.ReadUInt32();
        uint[] gids = reader.ReadArray(static (ref XdrReader r) => r.ReadUInt32(), MaxGids);
        return new AuthSysParameters(stamp, machineName, uid, gid, gids);
    }

    /// <summary>Decodes the body of an AUTH_SYS credential, or null when it is malformed.</summary>
    public static AuthSysParameters? TryDecode(ReadOnlySpan<byte> body)
    {
        var reader = new XdrReader(body);
        AuthSysParameters parameters = Decode(ref reader);
        reader.ExpectEnd();
        return reader.HasError ? null : parameters;
    }

    public bool Equals(AuthSysParameters? other)
        => other is not null && Stamp == other.Stamp && MachineName == other.MachineName && Uid == other.Uid
           && Gid == other.Gid && Gids.SequenceEqual(other.Gids);

    public override int GetHashCode() => HashCode.Combine(Stamp, MachineName, Uid, Gid, Gids.Count);
}
