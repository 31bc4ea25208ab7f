using Minnow.Rpc.Gen.Emit;
using Minnow.Rpc.Gen.Semantics;
using Minnow.Rpc.Gen.Syntax;

namespace Minnow.Rpc.Gen;

/// <summary>The compiler's entry points: .x file (or text) in, checked model or C# out.</summary>
public static class RpcCompiler
{
    public static SpecificationModel Analyze(string path, IReadOnlyDictionary<string, string>? defines = null, IReadOnlyList<string>? includeDirectories = null)
        => new(Parser.Parse(new Preprocessor(defines, includeDirectories).ProcessFile(path)), defines);

    public static SpecificationModel AnalyzeText(string name, string text)
        => new(Parser.Parse(new Preprocessor().ProcessText(name, text)));

    public static string GenerateCSharp(SpecificationModel model, string sourceName, string @namespace, string? constantsClass = null)
        => new CSharpEmitter(model, @namespace, constantsClass ?? CSharpNames.Pascal(Path.GetFileNameWithoutExtension(sourceName)) + "Constants").Emit(sourceName);
}
