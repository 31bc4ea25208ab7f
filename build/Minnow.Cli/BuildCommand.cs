using System.CommandLine;
using System.Diagnostics;
using Minnow.Build;
using Minnow.Build.Compilation;
using Spectre.Console;

namespace Minnow.Cli;

/// <summary><c>minnow build DIR -o out/images/NAME.elf</c></summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var source = new Argument<DirectoryInfo>("source") { Description = "folder of C# code with a static Main" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "image to write (NAME.elf)", Required = true };
        var allowUnsafe = new Option<bool>("--allow-unsafe") { Description = "compile the program with unsafe code allowed (images/ never need it)" };
        var isa = new Option<string>("--isa") { Description = "x86-64 level to compile for: x86-64-v3 (AVX2, the default) or x86-64-v2", DefaultValueFactory = _ => Minnow.Build.Stubs.InstructionSets.Default };
        var command = new Command("build", "Build a bootable Minnow image from a folder of C#") { source, output, allowUnsafe, isa };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(source)!;
            var image = parse.GetValue(output)!;
            var toolchain = Toolchain.Locate(RepositoryRoot.Find());
            var clock = Stopwatch.StartNew();
            ImageBuilder.Result? result = null;
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                AnsiConsole.Status().Start("building", context =>
                {
                    result = new ImageBuilder(toolchain, step => context.Status(step), parse.GetValue(allowUnsafe), parse.GetValue(isa)!).Build(dir.FullName, image.FullName);
                });
            }
            else
            {
                result = new ImageBuilder(toolchain, step => Console.Error.WriteLine($"minnow build: {step}"), parse.GetValue(allowUnsafe), parse.GetValue(isa)!).Build(dir.FullName, image.FullName);
            }
            long size = new FileInfo(result!.Image).Length;
            Console.Error.WriteLine(result.UpToDate
                ? $"minnow build: {image.Name} is up to date ({size:N0} bytes)"
                : $"minnow build: wrote {image.FullName} ({size:N0} bytes) in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }
}
