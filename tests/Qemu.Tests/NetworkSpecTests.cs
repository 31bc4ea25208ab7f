using Minnow.Qemu.Launch;

namespace Minnow.Qemu.Tests;

public sealed class NetworkSpecTests
{
    [Fact]
    public void User_networking_gets_a_modern_virtio_nic_with_the_first_predictable_mac()
    {
        var args = NetworkSpec.Parse("user").QemuArguments(0).ToList();
        Assert.Equal(["-netdev", "user,id=net0", "-device", "virtio-net-pci,netdev=net0,disable-legacy=on,romfile=,mac=52:54:00:12:34:56"], args);
    }

    [Fact]
    public void User_options_after_a_colon_go_to_the_netdev()
    {
        var args = NetworkSpec.Parse("user:hostfwd=tcp:127.0.0.1:5555-:7").QemuArguments(1).ToList();
        Assert.Equal("user,id=net1,hostfwd=tcp:127.0.0.1:5555-:7", args[1]);
        Assert.EndsWith("mac=52:54:00:12:34:57", args[3]);
    }

    [Fact]
    public void A_tap_takes_its_name_and_an_optional_mac()
    {
        var args = NetworkSpec.Parse("tap:tap3,mac=52:54:00:aa:bb:cc").QemuArguments(0).ToList();
        Assert.Equal("tap,id=net0,ifname=tap3,script=no,downscript=no", args[1]);
        Assert.EndsWith("mac=52:54:00:aa:bb:cc", args[3]);
    }

    [Theory]
    [InlineData("tap:")]
    [InlineData("tap:x,mac=zz")]
    [InlineData("tap:x,script=/bin/evil")]
    [InlineData("bridge:br0")]
    [InlineData("none:x")]
    public void Bad_specs_say_what_is_allowed(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => NetworkSpec.Parse(text));
        Assert.Contains("--net " + text, error.Message);
    }

    [Fact]
    public void Microvm_gets_a_PCIe_bridge_only_when_it_has_NICs()
    {
        var withNic = QemuCommandLine.Build(new QemuOptions { Image = "x.elf", Networks = ["user"] }, "tcg");
        var without = QemuCommandLine.Build(new QemuOptions { Image = "x.elf" }, "tcg");

        Assert.EndsWith(",pcie=on", withNic[1]);
        Assert.DoesNotContain("pcie", without[1]);
        Assert.Contains("none", without);
    }
}
