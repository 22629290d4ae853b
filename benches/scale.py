#!/usr/bin/env python3
"""Measures `shelf build` and `shelf check` on generated collections of N articles, side by
side with Hugo on the equivalent site, and prints a Markdown table (see BENCHMARKS.md).

    cargo build --release --example generate
    cargo build --release
    python3 benches/scale.py                      # N = 1,000 and 10,000, 5 runs each
    python3 benches/scale.py --sizes 100000 --runs 3 --hugo

For each N it generates the collection once (examples/generate.rs, seed 1) under --work
(default /dev/shm/shelf-scale: tmpfs, so the disk's write cost does not drown the figures),
then reports the median of --runs runs of:

- full build: into an empty output folder (wall, user + system CPU, peak RSS, pages per
  second, output size);
- rebuild, nothing changed: again into the same output (nothing is written);
- rebuild after editing one article's metadata (its `summary`) and after editing one seed's
  text (a sentence appended), the edits alternating between two versions so each run
  changes something;
- `shelf check`;
- with --hugo, `hugo` on the same articles (the generator writes the Hugo site).

Peak memory comes from GNU time (`/usr/bin/time -f %M`). Nothing here is a pass/fail test.

With --compare NAME=BINARY ... it times only full builds, interleaved: each run builds the
collection once with every shelf binary given and once with Hugo (the `hugo` on PATH, or
--hugo-binary), in turn, so that load on a shared machine falls on every engine alike; it
prints the median wall time, CPU, peak RSS, file count and bytes of each.

    python3 benches/scale.py --sizes 10000 --runs 3 --compare main=/tmp/shelf-main new=target/release/shelf
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
SHELF = os.path.join(TARGET, "release", "shelf")
GENERATE = os.path.join(TARGET, "release", "examples", "generate")
TIME = "/usr/bin/time"


def timed(command, cwd):
    """Runs `command`; returns (wall s, cpu s, peak RSS MiB, stdout)."""
    result = subprocess.run(
        [TIME, "-f", "%e %U %S %M"] + command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    wall, user, system, rss = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024, result.stdout


def folder_size(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    return total


def median_of(runs, measure):
    samples = [measure(i) for i in range(runs)]
    return tuple(statistics.median(column) for column in zip(*samples))


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/dev/shm/shelf-scale")
    parser.add_argument("--hugo", action="store_true", help="also time Hugo on the same site")
    parser.add_argument("--compare", nargs="+", metavar="NAME=BINARY",
                        help="time only full builds of these shelf binaries and Hugo, interleaved")
    parser.add_argument("--hugo-binary", default="hugo")
    parser.add_argument("--env", nargs="*", default=[], metavar="NAME=VALUE",
                        help="environment for the shelf builds (e.g. SHELF_TIMINGS=1)")
    args = parser.parse_args()
    if args.compare:
        compare(args)
        return
    for binary in (SHELF, GENERATE):
        if not os.path.exists(binary):
            sys.exit(f"missing {binary}: run `cargo build --release --example generate` and `cargo build --release`")

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    if args.hugo:
        print(subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip())
    rows = []
    for size in args.sizes:
        project = os.path.join(args.work, f"c{size}")
        hugo_site = os.path.join(args.work, f"h{size}")
        output = os.path.join(args.work, f"out{size}")
        command = [GENERATE, "--articles", str(size), "--seed", "1", "--out", project]
        if args.hugo:
            command += ["--hugo", hugo_site]
        subprocess.run(command, check=True, capture_output=True)
        articles = sorted(os.listdir(os.path.join(project, "content", "articles")))
        meta = os.path.join(project, "content", "articles", articles[len(articles) // 2])
        with open(meta, encoding="utf-8") as f:
            seed_name = re.search(r'^seed = "([^"]+)"', f.read(), re.M).group(1)
        seed = os.path.join(project, "seeds", seed_name)
        build = [SHELF, "build", "--output", output]

        def full(_):
            shutil.rmtree(output, ignore_errors=True)
            wall, cpu, rss, stdout = timed(build, project)
            pages = int(re.search(r"built (\d+) pages", stdout).group(1))
            return wall, cpu, rss, pages

        wall, cpu, rss, pages = median_of(args.runs, full)
        size_mb = folder_size(output) / 1e6
        unchanged = median_of(args.runs, lambda _: timed(build, project)[:1])[0]

        original_meta, original_seed = read(meta), read(seed)
        edited_meta = re.sub(r'^summary = "', 'summary = "Edited. ', original_meta, count=1, flags=re.M)
        edited_seed = original_seed + "\nOne more sentence.\n"

        def after_meta(run):
            write(meta, edited_meta if run % 2 == 0 else original_meta)
            return timed(build, project)[:1]

        def after_seed(run):
            write(seed, edited_seed if run % 2 == 0 else original_seed)
            return timed(build, project)[:1]

        meta_edit = median_of(args.runs, after_meta)[0]
        write(meta, original_meta)
        seed_edit = median_of(args.runs, after_seed)[0]
        write(seed, original_seed)
        check = median_of(args.runs, lambda _: timed([SHELF, "check"], project)[:1])[0]
        rows.append(
            f"| {size:,} | shelf | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB | {pages:,} "
            f"| {pages / wall:,.0f} | {size_mb:,.0f} MB | {unchanged:.2f} s | {meta_edit:.2f} s "
            f"| {seed_edit:.2f} s | {check:.2f} s |"
        )
        if args.hugo:
            hugo_out = os.path.join(args.work, f"hout{size}")

            def hugo(_):
                shutil.rmtree(hugo_out, ignore_errors=True)
                return timed(["hugo", "--quiet", "-s", hugo_site, "-d", hugo_out], args.work)[:3]

            h_wall, h_cpu, h_rss = median_of(args.runs, hugo)
            h_pages = sum(
                1 for folder, _, files in os.walk(hugo_out) for name in files if name.endswith(".html")
            )
            rows.append(
                f"| {size:,} | Hugo | {h_wall:.2f} s | {h_cpu:.2f} s | {h_rss:.0f} MiB | {h_pages:,} "
                f"| {h_pages / h_wall:,.0f} | {folder_size(hugo_out) / 1e6:,.0f} MB | | | | |"
            )
        print(rows[-1], flush=True)

    print()
    print("| articles | engine | full build | CPU | peak RSS | pages | pages/s | output "
          "| rebuild, no change | rebuild, metadata edit | rebuild, seed edit | check |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(row)


def count_files(path):
    return sum(len(files) for _, _, files in os.walk(path))


def compare(args):
    """Full builds of each --compare binary and of Hugo, interleaved run by run."""
    engines = [tuple(item.split("=", 1)) for item in args.compare]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(subprocess.run([args.hugo_binary, "version"], capture_output=True, text=True).stdout.strip())
    env = dict(os.environ, **dict(item.split("=", 1) for item in args.env))
    print("| articles | engine | full build | CPU | peak RSS | files | output |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for size in args.sizes:
        project = os.path.join(args.work, f"c{size}")
        hugo_site = os.path.join(args.work, f"h{size}")
        if not os.path.exists(os.path.join(project, "site.toml")):
            subprocess.run([GENERATE, "--articles", str(size), "--seed", "1", "--out", project,
                            "--hugo", hugo_site], check=True, capture_output=True)
        samples = {name: [] for name, _ in engines + [("Hugo", None)]}
        for _ in range(args.runs):
            for name, binary in engines + [("Hugo", None)]:
                output = os.path.join(args.work, f"out-{name}-{size}")
                shutil.rmtree(output, ignore_errors=True)
                if binary is None:
                    command = [args.hugo_binary, "--quiet", "-s", hugo_site, "-d", output]
                else:
                    command = [binary, "build", "--output", output]
                result = subprocess.run([TIME, "-f", "%e %U %S %M"] + command, cwd=project,
                                        capture_output=True, text=True, timeout=3600,
                                        env=env if binary else None)
                if result.returncode != 0:
                    sys.exit(f"failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
                wall, user, system, rss = result.stderr.strip().splitlines()[-1].split()
                samples[name].append((float(wall), float(user) + float(system), int(rss) / 1024,
                                      count_files(output), folder_size(output) / 1e6))
                print(f"  {name}: {samples[name][-1]}", file=sys.stderr, flush=True)
        for name, rows in samples.items():
            wall, cpu, rss, files, megabytes = (statistics.median(c) for c in zip(*rows))
            print(f"| {size:,} | {name} | {wall:.2f} s | {cpu:.2f} s | {rss:,.0f} MiB "
                  f"| {files:,.0f} | {megabytes:,.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
