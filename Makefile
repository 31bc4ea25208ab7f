# Minnow: C# programs as bootable unikernel images.
#   make demo               boot images/hello, then images/gpu-hello against a (CPU-backed) Cricket GPU server
#   make test               run every test (unit tests, and images booted under QEMU/TCG)
#   make bench              benchmarks; JSON under out/bench/, a table on stdout
#   make images             every folder of images/ into out/images/NAME.elf
#   make image SRC=DIR NAME=N
#   make run IMAGE=N [ARGS="..."] [RUNFLAGS="--mem 512M"]
#   make debug IMAGE=N      QEMU halted with its gdbstub, and gdb with the image's symbols
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := demo

OUT      := out
TOOL     := $(OUT)/tools/minnow.dll
MINNOW   := dotnet $(TOOL)
IMAGES   := $(notdir $(patsubst %/,%,$(wildcard images/*/)))
# Debian packages every target may need: QEMU, the linker, gdb and binutils (addr2line) for crash
# reports and debugging, glibc's static libm (libc6-dev) that images take Math from, and what the
# Linux-guest benchmark builds its initramfs with; iproute2, ping, ethtool for the network tests.
DEB_PACKAGES := qemu-system-x86 lld gdb binutils libc6-dev musl-dev cpio busybox-static python3 \
                gcc rpcsvc-proto libtirpc-dev libnsl-dev rpcbind tshark iproute2 iputils-ping ethtool

.PHONY: deps tool images image run debug test bench demo clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi; \
	command -v dotnet >/dev/null || { echo "make deps: the .NET 10 SDK is missing: install dotnet-sdk-10.0 (https://learn.microsoft.com/dotnet/core/install/linux-debian)"; exit 1; }; \
	dotnet --list-sdks | grep -q '^10\.' || { echo "make deps: a .NET 10 SDK is required (found: $$(dotnet --list-sdks | tr '\n' ' '))"; exit 1; }

tool: deps
	@dotnet build build/Minnow.Cli/Minnow.Cli.csproj -c Release -o $(OUT)/tools -nologo -v q -clp:ErrorsOnly

images: tool
	@for n in $(IMAGES); do $(MINNOW) build images/$$n -o $(OUT)/images/$$n.elf; done

image: tool
	@test -n "$(SRC)" && test -n "$(NAME)" || { echo "usage: make image SRC=DIR NAME=N"; exit 2; }
	@$(MINNOW) build $(SRC) -o $(OUT)/images/$(NAME).elf

run: tool
	@test -n "$(IMAGE)" || { echo "usage: make run IMAGE=N [ARGS=...]"; exit 2; }
	@$(MINNOW) run $(OUT)/images/$(IMAGE).elf $(RUNFLAGS) -- $(ARGS)

debug: tool
	@test -n "$(IMAGE)" || { echo "usage: make debug IMAGE=N"; exit 2; }
	@$(MINNOW) debug $(OUT)/images/$(IMAGE).elf $(RUNFLAGS) -- $(ARGS)

test: tool
	@status=0; dotnet test tests/Minnow.Tests.slnx -c Release 2>&1 | tee $(OUT)/test.log || status=$$?; \
	  tests/summarize < $(OUT)/test.log || status=1; exit $$status

bench: tool
	@bench/run

# make demo [GPU_SERVER=host[:port]]: hello, then gpu-hello (SAXPY + reduction on a remote GPU through
# Cricket). Without GPU_SERVER it uses the Cricket server registered with this host's rpcbind, starting
# rpcbind and the CPU-backed server (stopped afterwards) when none is; GPU_SERVER points the image
# at another server (a host that runs rpcbind, or host:port; this host is 10.0.2.2 from the guest).
demo: tool
	@$(MINNOW) build images/hello -o $(OUT)/images/hello.elf
	@$(MINNOW) run $(OUT)/images/hello.elf --net user -- from make demo
	@$(MINNOW) build images/gpu-hello -o $(OUT)/images/gpu-hello.elf
	@OUT=$(OUT) host/with-gpu-server $(if $(GPU_SERVER),--server $(GPU_SERVER)) -- $(MINNOW) run $(OUT)/images/gpu-hello.elf --net user --

clean:
	rm -rf $(OUT)

# make gpu-server [GPU_SERVER_ARGS="--port 4000 --memory 8589934592"]: the CPU-backed Cricket server in
# the foreground (program 99 v1, registered with rpcbind; rpcbind is started first if none answers).
.PHONY: gpu-server
gpu-server: deps
	@rpcinfo -p 127.0.0.1 >/dev/null 2>&1 || { echo "make gpu-server: starting rpcbind"; if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi; $$SUDO rpcbind -w; sleep 0.5; }
	@dotnet build host/Minnow.GpuServer/Minnow.GpuServer.csproj -c Release -nologo -v q -clp:ErrorsOnly
	@dotnet $(OUT)/bin/Minnow.GpuServer/Release/net10.0/minnow-gpu-server.dll $(GPU_SERVER_ARGS)
