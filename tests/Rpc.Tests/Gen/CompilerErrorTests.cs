using Minnow.Rpc.Gen;
using Minnow.Rpc.Gen.Syntax;

namespace Rpc.Tests.Gen;

/// <summary>Bad .x input gives an error with its location, never a crash.</summary>
public class CompilerErrorTests
{
    [Theory]
    [InlineData("struct s { int a; int a; };", "two members named a")]
    [InlineData("union u switch (double d) { case 1: int x; };", "discriminant")]
    [InlineData("union u switch (int d) { case 1: int x; case 1: int y; };", "case 1 twice")]
    [InlineData("struct s { s inner; };", "contains itself")]
    [InlineData("const A = B; const B = A;", "defined in terms of itself")]
    [InlineData("struct s { int a<UNKNOWN>; };", "unknown constant UNKNOWN")]
    [InlineData("program P { version V { int F(int) = 1; int G(int) = 1; } = 1; } = 5;", "both number 1")]
    [InlineData("struct s { string name; };", "needs a size")]
    [InlineData("struct s { int a }", "expected ';'")]
    [InlineData("const X = 0x1ffffffffffffffffff;", "bad number")]
    [InlineData("struct s { quadruple q; };", "quadruple")]
    [InlineData("/* unterminated", "unterminated comment")]
    public void ReportsTheMistake(string text, string message)
    {
        var error = Assert.Throws<RpcLanguageException>(() => RpcCompiler.AnalyzeText("bad.x", text));
        Assert.Contains(message, error.Message);
        Assert.StartsWith("bad.x:", error.Message);
    }

    [Fact]
    public void RandomTextNeverCrashes()
    {
        var random = new Random(3);
        const string alphabet = "struct union enum switch case default const typedef program version int string opaque <>[]{}();:=*, abc 12 0x1f\n";
        for (int i = 0; i < 3000; i++)
        {
            string text = new(Enumerable.Range(0, random.Next(1, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            try
            {
                RpcCompiler.GenerateCSharp(RpcCompiler.AnalyzeText("fuzz.x", text), "fuzz.x", "Fuzz");
            }
            catch (RpcLanguageException)
            {
            }
        }
    }
}
