#!/usr/bin/env python3
"""Times `shelf build` into the same output: a first build, then rounds of a build with
nothing changed, a build after one `summary` edit and a build after one seed edit. Prints
each time (wall, and the CPU time of the build: user + system) and the medians, with the
load average before and after (on a loaded machine, CPU time says more than wall time). Edits the project in
place: pass a copy.

With `--compare OTHER_BINARY --compare-project COPY`, each build is followed by the same
build of the same edit with the other binary in its own copy of the project, so both see
the same load; the medians of both are printed.

    cargo build --release --bin shelf --example generate
    ./target/release/examples/generate --articles 10000 --seed 1 --out /dev/shm/c10k
    cp -r /dev/shm/c10k /dev/shm/c10k-other
    python3 benches/rebuild.py --project /dev/shm/c10k
    python3 benches/rebuild.py --project /dev/shm/c10k \\
        --compare OTHER/shelf --compare-project /dev/shm/c10k-other
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load():
    with open("/proc/loadavg", encoding="utf-8") as f:
        return " ".join(f.read().split()[:3])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", required=True, help="a project folder to build and edit")
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "shelf"))
    parser.add_argument("--compare", help="another shelf binary, timed in turn")
    parser.add_argument("--compare-project", help="a second copy of the project, for --compare")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timings", action="store_true",
                        help="build with SHELF_TIMINGS=1 and print each edit build's stages")
    args = parser.parse_args()
    runs = [("this", args.binary, args.project)]
    if args.compare:
        if not args.compare_project:
            sys.exit("--compare needs --compare-project")
        runs.append(("other", args.compare, args.compare_project))

    def build(binary, project):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        env = dict(os.environ, SHELF_TIMINGS="1") if args.timings else None
        done = subprocess.run([binary, "build"], cwd=project, capture_output=True,
                              text=True, timeout=900, env=env)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            sys.exit(done.stderr)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cpus.setdefault(binary, []).append(cpu)
        stages.clear()
        stages.extend(line for line in done.stderr.splitlines() if line.startswith("timing: "))
        return elapsed, done.stdout.strip()

    stages = []

    cpus = {}

    def edit(path, old, new):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1) if old in text else text + new)

    def edited_files(project):
        articles = os.path.join(project, "content", "articles")
        names = sorted(n for n in os.listdir(articles) if n.endswith(".toml"))
        metadata = os.path.join(articles, names[min(17, len(names) - 1)])
        with open(metadata, encoding="utf-8") as f:
            seed = next(line.split('"')[1] for line in f if line.startswith("seed"))
        return metadata, os.path.join(project, "seeds", seed)

    print(f"load average before: {load()}")
    for name, binary, project in runs:
        elapsed, said = build(binary, project)
        print(f"{name}: first build {elapsed:.3f} s: {said}")
    times = {(name, step): [] for name, _, _ in runs
             for step in ("nothing changed", "summary edit", "seed edit")}
    cpu_times = {}
    for round in range(args.rounds):
        for step in ("nothing changed", "summary edit", "seed edit"):
            for name, binary, project in runs:
                metadata, seed = edited_files(project)
                if step == "summary edit":
                    edit(metadata, 'summary = "', f'summary = "Round {round}: ')
                elif step == "seed edit":
                    edit(seed, "\n\n", f"\n\nRound {round} adds this sentence.\n\n")
                elapsed, said = build(binary, project)
                cpu = cpus[binary][-1]
                times[(name, step)].append(elapsed)
                cpu_times.setdefault((name, step), []).append(cpu)
                print(f"{name}: round {round}, {step}: {elapsed:.3f} s wall, {cpu:.3f} s cpu "
                      f"({said.split(' in ')[-1]})", flush=True)
                if args.timings and step != "nothing changed":
                    for line in stages:
                        print(f"    {name}: {line}")
    for (name, step), values in times.items():
        shown = ", ".join(f"{v:.3f}" for v in values)
        cpu = statistics.median(cpu_times[(name, step)])
        print(f"{name}: {step}: median {statistics.median(values):.3f} s wall ({shown}), "
              f"median {cpu:.3f} s cpu (user + system)")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
