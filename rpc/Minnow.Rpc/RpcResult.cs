using System.Diagnostics.CodeAnalysis;

namespace Minnow.Rpc;

/// <summary>The outcome of an RPC call: a value or an <see cref="RpcError"/>.</summary>
public readonly struct RpcResult<T>
{
    private readonly T _value;

    public RpcResult(T value)
    {
        _value = value;
        Error = null;
    }

    public RpcResult(RpcError error)
    {
        _value = default!;
        Error = error;
    }

    public RpcError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; for a failed call, the type's default.</summary>
    public T Value => _value;

    public bool TryGetValue([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out RpcError? error)
    {
        value = _value;
        error = Error;
        return Error is null;
    }

    /// <summary>The value, or an <see cref="RpcException"/> carrying the error.</summary>
    public T GetValueOrThrow() => Error is null ? _value : throw new RpcException(Error);

    public static implicit operator RpcResult<T>(T value) => new(value);

    public static implicit operator RpcResult<T>(RpcError error) => new(error);

    public override string ToString() => Error is null ? $"Success({_value})" : Error.ToString();
}
