using System.Text;

namespace Minnow.Rpc.Gen.Emit;

/// <summary>.NET names for .x names: <c>rpc_elf_load</c> and <c>RPC_ELF_LOAD</c> become <c>RpcElfLoad</c>, <c>cudaMalloc</c> becomes <c>CudaMalloc</c>.</summary>
public static class CSharpNames
{
    public static string Pascal(string name)
    {
        var result = new StringBuilder(name.Length);
        foreach (string part in name.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            bool singleCase = part.All(c => !char.IsLetter(c) || char.IsUpper(c)) || part.All(c => !char.IsLetter(c) || char.IsLower(c));
            result.Append(char.ToUpperInvariant(part[0]));
            result.Append(singleCase ? part[1..].ToLowerInvariant() : part[1..]);
        }
        if (result.Length == 0 || char.IsDigit(result[0]))
        {
            result.Insert(0, 'X');
        }
        return result.ToString();
    }
}
