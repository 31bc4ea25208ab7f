using Minnow.Rpc.Gen;
using Minnow.Rpc.Gen.Semantics;
using Minnow.Rpc.Gen.Syntax;

namespace Rpc.Tests.Gen;

/// <summary>Every .x file Debian's libc development packages ship is parsed, checked and compiled to C#.</summary>
public class DebianRpcsvcFilesTests
{
    // Constants these files take from C headers through %#define lines rpcgen passes to its C output.
    private static readonly Dictionary<string, string> s_headerConstants = new() { ["LM_MAXSTRLEN"] = "1024", ["MAXNAMELEN"] = "1025" };

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (string directory in new[] { "/usr/include/rpcsvc", "/usr/include/tirpc" })
        {
            if (Directory.Exists(directory))
            {
                foreach (string file in Directory.EnumerateFiles(directory, "*.x", SearchOption.AllDirectories).Order())
                {
                    files.Add(file);
                }
            }
        }
        return files;
    }

    [Fact]
    public void TheFilesAreThere()
    {
        // rpcsvc-proto (libc6-dev's rpcsvc headers), libtirpc-dev and libnsl-dev ship them.
        int count = Files().Count;
        Assert.True(count >= 17, $"found {count} .x files; install rpcsvc-proto, libtirpc-dev and libnsl-dev");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ParsesChecksAndGenerates(string file)
    {
        SpecificationModel model = RpcCompiler.Analyze(file, s_headerConstants);
        Assert.NotEmpty(model.Specification.Definitions);
        string code = RpcCompiler.GenerateCSharp(model, file, "Generated.Test");
        Assert.Contains("namespace Generated.Test;", code);
        foreach (ProgramDefinition program in model.Programs)
        {
            Assert.Contains($"{Minnow.Rpc.Gen.Emit.CSharpNames.Pascal(program.Name)}V", code);
        }
    }
}
