using System.Net;
using Minnow.Rpc.Messages;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Server;

/// <summary>What a procedure may want to know about the call it serves.</summary>
public sealed class RpcCallContext
{
    public RpcCallContext(RpcCallHeader header, RpcTransportKind transport, EndPoint? remoteEndPoint, AuthSysParameters? authSys, XdrLimits? limits = null)
    {
        Limits = limits ?? XdrLimits.Default;
        Header = header;
        Transport = transport;
        RemoteEndPoint = remoteEndPoint;
        AuthSys = authSys;
    }

    public RpcCallHeader Header { get; }

    public uint Procedure => Header.Procedure;

    public RpcTransportKind Transport { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The server's max-size policy, for decoding the arguments.</summary>
    public XdrLimits Limits { get; }

    /// <summary>The caller's AUTH_SYS credential, when it sent one.</summary>
    public AuthSysParameters? AuthSys { get; }
}
