using System.CommandLine;
using Minnow.Rpc.Gen;
using Minnow.Rpc.Gen.Semantics;
using Minnow.Rpc.Gen.Syntax;

var input = new Argument<FileInfo>("input") { Description = "the .x file (RPC language, RFC 5531 section 12, with rpcgen's -N multiple arguments)" };
var output = new Option<FileInfo?>("--output", "-o") { Description = "the C# file to write (omit with --check)" };
var @namespace = new Option<string>("--namespace", "-n") { Description = "namespace of the generated types", DefaultValueFactory = _ => "Generated.Rpc" };
var constants = new Option<string?>("--constants-class") { Description = "name of the class holding the .x constants (default: {File}Constants)" };
var defines = new Option<string[]>("--define", "-D") { Description = "NAME or NAME=VALUE for #if/#ifdef", AllowMultipleArgumentsPerToken = false };
var includes = new Option<string[]>("--include", "-I") { Description = "directory searched by #include" };
var check = new Option<bool>("--check") { Description = "parse and check only" };

var root = new RootCommand("minnow-rpcgen: compiles an RPC language (.x) file into C# client stubs and server skeletons for Minnow.Rpc")
{
    input, output, @namespace, constants, defines, includes, check,
};
root.SetAction(parse =>
{
    FileInfo source = parse.GetValue(input)!;
    FileInfo? target = parse.GetValue(output);
    if (target is null && !parse.GetValue(check))
    {
        Console.Error.WriteLine("minnow-rpcgen: error: give --output FILE (or --check)");
        return 2;
    }
    var macros = (parse.GetValue(defines) ?? []).Select(d => d.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "1");
    try
    {
        SpecificationModel model = RpcCompiler.Analyze(source.FullName, macros, parse.GetValue(includes) ?? []);
        foreach (string external in model.ExternalTypes)
        {
            Console.Error.WriteLine($"minnow-rpcgen: note: {source.Name} uses {external} without defining it; the generated code expects a C# type for it (as rpcgen expects xdr_{external})");
        }
        if (target is null)
        {
            return 0;
        }
        string code = RpcCompiler.GenerateCSharp(model, source.Name, parse.GetValue(@namespace)!, parse.GetValue(constants));
        Directory.CreateDirectory(target.DirectoryName!);
        // Rewrite only on change so that incremental builds stay incremental.
        if (!target.Exists || File.ReadAllText(target.FullName) != code)
        {
            File.WriteAllText(target.FullName, code);
        }
        return 0;
    }
    catch (RpcLanguageException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"minnow-rpcgen: error: {e.Message}");
        return 1;
    }
});
return root.Parse(args).Invoke();
