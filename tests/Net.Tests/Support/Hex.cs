namespace Minnow.Net.Tests.Support;

/// <summary>Hex text to bytes, ignoring whitespace, so packets can be written the way captures print them.</summary>
public static class Hex
{
    public static byte[] Bytes(string text)
    {
        var compact = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return Convert.FromHexString(compact);
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
