using System.CommandLine;
using Minnow.Build.Compilation;
using Minnow.Qemu.Launch;

namespace Minnow.Cli;

/// <summary>
/// <c>minnow run IMAGE [options] [-- ARGS]</c>: boots an image under QEMU. The program's output goes
/// to stdout, kernel messages to stderr and a log file; the exit status is the program's, or one of
/// <see cref="HarnessExitStatus"/>.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "the image (.elf) to boot" };
        var programArgs = new Argument<string[]>("args") { Description = "arguments for the program's Main (after --)", Arity = ArgumentArity.ZeroOrMore };
        var machine = new Option<string>("--machine") { Description = "microvm, q35 or pc", DefaultValueFactory = _ => "microvm" };
        var accel = new Option<string>("--accel") { Description = "auto, kvm or tcg", DefaultValueFactory = _ => "auto" };
        var memory = new Option<string>("--mem") { Description = "guest memory (QEMU -m syntax)", DefaultValueFactory = _ => "256M" };
        var timeout = new Option<double>("--timeout") { Description = "seconds before QEMU is killed (exit status 124)", DefaultValueFactory = _ => 60 };
        var net = new Option<string[]>("--net") { Description = "a NIC on a network: user (QEMU user-mode; user:OPTIONS adds -netdev options such as hostfwd=...), tap:NAME, or none; repeat for several NICs", AllowMultipleArgumentsPerToken = false };
        var kargs = new Option<string>("--kargs") { Description = "options for Minnow's kernel, e.g. \"bootstats\"", DefaultValueFactory = _ => "" };
        var environment = new Option<string[]>("--env") { Description = "an environment variable for the program, NAME=VALUE (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var gdb = new Option<bool>("--gdb") { Description = "start halted with QEMU's gdbstub on port 1234" };
        var log = new Option<FileInfo?>("--log") { Description = "kernel log file (default: next to the image, NAME.log)" };
        var quiet = new Option<bool>("--quiet-kernel") { Description = "do not echo kernel messages to stderr (the log file still has them)" };
        var printCommand = new Option<bool>("--print-command") { Description = "print the QEMU command line (one argument per line) instead of booting" };
        var noDebugExit = new Option<bool>("--no-debug-exit") { Description = "boot without isa-debug-exit: the kernel then powers off through ACPI" };
        var command = new Command("run", "Boot an image under QEMU") { image, programArgs, machine, accel, memory, timeout, net, kargs, environment, gdb, log, quiet, printCommand, noDebugExit };
        command.SetAction(parse =>
        {
            var root = RepositoryRoot.Find();
            var imageFile = parse.GetValue(image)!;
            var options = new QemuOptions
            {
                Image = imageFile.FullName,
                Machine = parse.GetValue(machine)!,
                Accelerator = parse.GetValue(accel)!,
                Memory = parse.GetValue(memory)!,
                TimeoutSeconds = parse.GetValue(timeout),
                Networks = parse.GetValue(net) ?? [],
                KernelArguments = parse.GetValue(kargs)!,
                ProgramArguments = parse.GetValue(programArgs) ?? [],
                Environment = parse.GetValue(environment) ?? [],
                WaitForDebugger = parse.GetValue(gdb),
                KernelLogFile = (parse.GetValue(log)?.FullName) ?? Path.ChangeExtension(imageFile.FullName, ".log"),
                ShowKernelLog = !parse.GetValue(quiet),
                DebugExitDevice = !parse.GetValue(noDebugExit),
            };
            return parse.GetValue(printCommand) ? PrintCommand(root, options) : Run(root, options);
        });
        return command;
    }

    private static int PrintCommand(string root, QemuOptions options)
    {
        var decision = new AcceleratorChoice(Toolchain.Locate(root), Path.Combine(root, "out", "qemu")).Choose(options.Accelerator, options.Machine);
        Console.WriteLine(QemuRunner.FindQemu() ?? "qemu-system-x86_64");
        foreach (var argument in QemuCommandLine.Build(options, decision.Accelerator))
            Console.WriteLine(argument);
        return 0;
    }

    public static int Run(string root, QemuOptions options)
    {
        var toolchain = Toolchain.Locate(root);
        var decision = new AcceleratorChoice(toolchain, Path.Combine(root, "out", "qemu")).Choose(options.Accelerator, options.Machine);
        var stderr = Console.Error;
        stderr.WriteLine($"minnow run: {Path.GetFileName(options.Image)} on {options.Machine} with {decision.Accelerator} ({decision.Reason})");
        if (options.WaitForDebugger)
            stderr.WriteLine($"minnow run: waiting for gdb on port {options.GdbPort} (make debug starts one)");
        var symbolizer = new PanicReporter(Path.ChangeExtension(options.Image, ".debug.elf"), stderr);
        using var stdout = Console.OpenStandardOutput();
        var runner = new QemuRunner(stdout,
            line => symbolizer.OnKernelLine(line, options.ShowKernelLog),
            line => stderr.WriteLine(line));
        var result = runner.Run(options, decision.Accelerator);
        symbolizer.Finish();
        if (result.TimedOut)
            stderr.WriteLine($"minnow run: timed out after {options.TimeoutSeconds} s: QEMU was killed (exit status {HarnessExitStatus.Timeout})");
        else if (result.Panicked)
            stderr.WriteLine($"minnow run: the kernel panicked (exit status {HarnessExitStatus.KernelPanic})");
        else if (result.ExitStatus == HarnessExitStatus.NoStatus)
            stderr.WriteLine($"minnow run: the guest stopped without an exit status (a reset or triple fault?) (exit status {HarnessExitStatus.NoStatus})");
        return result.ExitStatus;
    }
}
