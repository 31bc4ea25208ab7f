namespace Minnow.Rpc.Gen.Syntax;

/// <summary>A place in a .x file, for error messages in the compiler's usual <c>file:line:column</c> form.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
