#!/usr/bin/env python3
"""Copies kernel modules and everything they depend on out of an extracted linux-image package.

    modules.py KERNEL_TREE DEST MODULE...

KERNEL_TREE is lib/modules/VERSION/kernel of the extracted .deb (no modules.dep there: depmod
writes it at install time, so the dependencies are read from each module's .modinfo section,
"depends=a,b"). Writes DEST/NAME.ko for every module needed and DEST/order, one name a line,
dependencies first: the order in which /init loads them with insmod.
"""
import os
import re
import shutil
import sys


def main(tree: str, dest: str, wanted: list[str]) -> None:
    paths = {}
    for folder, _, files in os.walk(tree):
        for name in files:
            if name.endswith(".ko"):
                paths[name[:-3].replace("-", "_")] = os.path.join(folder, name)
    order: list[str] = []

    def visit(module: str, chain: tuple[str, ...]) -> None:
        if module in order:
            return
        if module in chain:
            sys.exit(f"modules.py: dependency cycle: {' -> '.join(chain + (module,))}")
        if module not in paths:
            sys.exit(f"modules.py: module {module} not found under {tree} (built in, or a compressed .ko?)")
        with open(paths[module], "rb") as f:
            match = re.search(rb"\0depends=([^\0]*)\0", f.read())
        for dependency in match.group(1).decode().split(",") if match and match.group(1) else []:
            visit(dependency, chain + (module,))
        order.append(module)

    for module in wanted:
        visit(module, ())
    os.makedirs(dest, exist_ok=True)
    for module in order:
        shutil.copyfile(paths[module], os.path.join(dest, module + ".ko"))
    with open(os.path.join(dest, "order"), "w") as f:
        f.write("".join(m + "\n" for m in order))


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit("usage: modules.py KERNEL_TREE DEST MODULE...")
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
