using System.Text;

namespace Minnow.Qemu.Launch;

/// <summary>
/// The qemu-system-x86_64 arguments for a Minnow image. COM1 carries the program's standard output
/// (to QEMU's stdout); the debug console (port 0xE9) carries the kernel's messages and the program's
/// standard error (to QEMU's stderr); isa-debug-exit lets the guest set QEMU's exit status.
/// </summary>
public static class QemuCommandLine
{
    public static IReadOnlyList<string> Build(QemuOptions options, string accelerator)
    {
        var args = new List<string>();
        var networks = options.Networks.Select(NetworkSpec.Parse).Where(n => n.Kind != "none").ToList();
        args.AddRange(["-machine", MachineSpec(options.Machine, pcie: networks.Count > 0)]);
        args.AddRange(["-accel", accelerator]);
        args.AddRange(["-cpu", accelerator == "kvm" ? "host" : "max"]);
        args.AddRange(["-m", options.Memory]);
        args.AddRange(["-nodefaults", "-no-user-config", "-display", "none", "-no-reboot"]);
        args.AddRange(["-kernel", options.Image]);
        args.AddRange(["-append", KernelCommandLine(options)]);
        args.AddRange(["-chardev", "file,id=com1,path=/dev/stdout", "-serial", "chardev:com1"]);
        args.AddRange(["-chardev", "file,id=klog,path=/dev/stderr", "-device", "isa-debugcon,iobase=0xe9,chardev=klog"]);
        if (options.DebugExitDevice)
            args.AddRange(["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]);
        if (networks.Count == 0)
            args.AddRange(["-net", "none"]);
        for (int i = 0; i < networks.Count; i++)
            args.AddRange(networks[i].QemuArguments(i));
        if (options.WaitForDebugger)
            args.AddRange(["-gdb", $"tcp::{options.GdbPort}", "-S"]);
        return args;
    }

    /// <summary>
    /// microvm with the devices a Minnow image uses (and a PCIe host bridge when it gets NICs: its
    /// virtio-net devices are PCI functions, as on q35); the other machine types as named.
    /// </summary>
    public static string MachineSpec(string machine, bool pcie = false) => machine switch
    {
        "microvm" => "microvm,isa-serial=on,rtc=on,acpi=on,pic=on,pit=on" + (pcie ? ",pcie=on" : ""),
        "q35" or "pc" => machine,
        _ => throw new ArgumentException($"unknown machine '{machine}': use microvm, q35 or pc"),
    };

    /// <summary>
    /// Kernel options (the environment as env.NAME=VALUE), then "--", then the program's arguments,
    /// each quoted when it must be.
    /// </summary>
    public static string KernelCommandLine(QemuOptions options)
    {
        var sb = new StringBuilder();
        sb.Append("name=").Append(Quote(Path.GetFileNameWithoutExtension(options.Image)));
        foreach (var variable in options.Environment)
        {
            int equals = variable.IndexOf('=');
            if (equals <= 0)
                throw new ArgumentException($"environment variable '{variable}': use NAME=VALUE");
            sb.Append(' ').Append(Quote("env." + variable));
        }
        if (!string.IsNullOrWhiteSpace(options.KernelArguments))
            sb.Append(' ').Append(options.KernelArguments.Trim());
        sb.Append(" --");
        foreach (var argument in options.ProgramArguments)
            sb.Append(' ').Append(Quote(argument));
        return sb.ToString();
    }

    /// <summary>Quotes a word for the kernel's tokenizer (kernel/Minnow.Kernel/Boot/CommandLineTokenizer.cs).</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\\') && word != "--")
            return word;
        var sb = new StringBuilder("\"");
        foreach (char c in word)
        {
            if (c == '"' || c == '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
