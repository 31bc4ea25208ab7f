using System.CommandLine;
using System.Diagnostics;
using Minnow.Build.Compilation;
using Minnow.Qemu.Launch;

namespace Minnow.Cli;

/// <summary>
/// <c>minnow debug IMAGE [-- ARGS]</c>: QEMU halted at the first instruction with its gdbstub, and
/// gdb on the image's debug ELF (symbols and DWARF line tables) connected to it. Break on a C#
/// method by its symbol, e.g. <c>break hello_Program___Main__</c>, and gdb stops at its source line.
/// </summary>
internal static class DebugCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "the image (.elf) to debug" };
        var programArgs = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore };
        var machine = new Option<string>("--machine") { DefaultValueFactory = _ => "microvm" };
        var memory = new Option<string>("--mem") { DefaultValueFactory = _ => "256M" };
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 1234 };
        var gdbCommands = new Option<string[]>("--gdb-command", "-x") { Description = "extra gdb -ex commands (e.g. for batch use)" };
        var batch = new Option<bool>("--batch") { Description = "run gdb in batch mode (scripts, tests)" };
        var command = new Command("debug", "Boot an image halted and attach gdb") { image, programArgs, machine, memory, port, gdbCommands, batch };
        command.SetAction(parse =>
        {
            var root = RepositoryRoot.Find();
            var imageFile = parse.GetValue(image)!;
            string debugElf = Path.ChangeExtension(imageFile.FullName, ".debug.elf");
            if (!File.Exists(debugElf))
                throw new Minnow.Build.BuildException($"{debugElf} is missing: rebuild the image (minnow build writes it)");
            string gdb = Toolchain.FindOnPath("gdb") ?? throw new Minnow.Build.BuildException("gdb not found: install the Debian package 'gdb' (make deps does it)");
            var options = new QemuOptions
            {
                Image = imageFile.FullName,
                Machine = parse.GetValue(machine)!,
                Accelerator = "tcg",
                Memory = parse.GetValue(memory)!,
                ProgramArguments = parse.GetValue(programArgs) ?? [],
                WaitForDebugger = true,
                GdbPort = parse.GetValue(port),
                KernelLogFile = Path.ChangeExtension(imageFile.FullName, ".log"),
            };
            using var stdout = Console.OpenStandardOutput();
            var runner = new QemuRunner(stdout, line => Console.Error.WriteLine(line), line => Console.Error.WriteLine(line));
            using var stopQemu = new CancellationTokenSource();
            var qemu = Task.Run(() => runner.Run(options, "tcg", stopQemu.Token));

            var start = new ProcessStartInfo(gdb) { UseShellExecute = false };
            if (parse.GetValue(batch))
                start.ArgumentList.Add("-batch");
            foreach (var a in new[] { "-q", debugElf, "-ex", "set architecture i386:x86-64", "-ex", $"target remote :{options.GdbPort}" })
                start.ArgumentList.Add(a);
            foreach (var extra in parse.GetValue(gdbCommands) ?? [])
            {
                start.ArgumentList.Add("-ex");
                start.ArgumentList.Add(extra);
            }
            Thread.Sleep(300);   // let QEMU open its gdbstub port
            using var debugger = Process.Start(start)!;
            debugger.WaitForExit();
            stopQemu.Cancel();
            qemu.Wait(TimeSpan.FromSeconds(5));
            return debugger.ExitCode;
        });
        return command;
    }
}
