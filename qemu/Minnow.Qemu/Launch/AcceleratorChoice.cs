using System.Diagnostics;
using Minnow.Build.Compilation;
using Minnow.Build.Probes;

namespace Minnow.Qemu.Launch;

/// <summary>
/// Picks KVM or TCG. "auto" uses KVM only if /dev/kvm is usable and a probe image that executes SSE
/// instructions completes under it (nested KVM on some hosts kills guests that use SSE, and every
/// ilc-compiled image does). The probe's verdict is cached per host boot.
/// </summary>
public sealed class AcceleratorChoice(Toolchain toolchain, string cacheDirectory)
{
    public sealed record Decision(string Accelerator, string Reason);

    public Decision Choose(string requested, string machine)
    {
        switch (requested)
        {
            case "tcg":
                return new("tcg", "requested");
            case "kvm":
                return new("kvm", "requested");
            case "auto":
                break;
            default:
                throw new ArgumentException($"unknown accelerator '{requested}': use auto, kvm or tcg");
        }
        if (!KvmDeviceUsable())
            return new("tcg", "no usable /dev/kvm");
        string bootId = File.Exists("/proc/sys/kernel/random/boot_id") ? File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim() : "unknown";
        string cache = Path.Combine(cacheDirectory, $"kvm-probe-{machine}.txt");
        if (File.Exists(cache))
        {
            var lines = File.ReadAllLines(cache);
            if (lines.Length == 2 && lines[0] == bootId)
                return lines[1] == "ok" ? new("kvm", "KVM probe passed (cached)") : new("tcg", "KVM breaks SSE on this host (cached probe)");
        }
        bool ok = ProbeKvm(machine);
        Directory.CreateDirectory(cacheDirectory);
        File.WriteAllLines(cache, [bootId, ok ? "ok" : "broken"]);
        return ok ? new("kvm", "KVM probe passed") : new("tcg", "KVM breaks SSE on this host (probe failed)");
    }

    private static bool KvmDeviceUsable()
    {
        try
        {
            using var kvm = new FileStream("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private bool ProbeKvm(string machine)
    {
        string image = Path.Combine(cacheDirectory, "kvm-probe.elf");
        if (!File.Exists(image))
            KvmProbeImage.Build(toolchain, image);
        var start = new ProcessStartInfo(QemuRunner.FindQemu() ?? "qemu-system-x86_64")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-machine", QemuCommandLine.MachineSpec(machine), "-accel", "kvm", "-cpu", "host", "-m", "64M",
                     "-nodefaults", "-display", "none", "-no-reboot", "-kernel", image, "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
        return process.ExitCode == ((KvmProbeImage.SuccessStatus << 1) | 1);
    }
}
