#!/usr/bin/env python3
"""Times `shelf build` into the same output: a first build, then three rounds of a build
with nothing changed, a build after one `summary` edit and a build after one seed edit.
Prints each time and the medians. Edits the project in place: pass a copy.

    cargo build --release --bin shelf --example generate
    ./target/release/examples/generate --articles 10000 --seed 1 --out /dev/shm/c10k
    python3 benches/rebuild.py --project /dev/shm/c10k
    python3 benches/rebuild.py --project /dev/shm/c10k --binary OTHER/shelf
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", required=True, help="a project folder to build and edit")
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "shelf"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    def build():
        started = time.perf_counter()
        done = subprocess.run([args.binary, "build"], cwd=args.project, capture_output=True,
                              text=True, timeout=600)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(done.stderr)
        return elapsed, done.stdout.strip()

    articles = os.path.join(args.project, "content", "articles")
    names = sorted(n for n in os.listdir(articles) if n.endswith(".toml"))
    metadata = os.path.join(articles, names[min(17, len(names) - 1)])
    with open(metadata, encoding="utf-8") as f:
        seed = next(line.split('"')[1] for line in f if line.startswith("seed"))
    seed = os.path.join(args.project, "seeds", seed)

    def edit(path, old, new):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1) if old in text else text + new)

    elapsed, said = build()
    print(f"first build {elapsed:.3f} s: {said}")
    times = {"nothing changed": [], "summary edit": [], "seed edit": []}
    for round in range(args.rounds):
        times["nothing changed"].append(build()[0])
        edit(metadata, 'summary = "', f'summary = "Round {round}: ')
        times["summary edit"].append(build()[0])
        edit(seed, "\n\n", f"\n\nRound {round} adds this sentence.\n\n")
        times["seed edit"].append(build()[0])
    for name, values in times.items():
        shown = ", ".join(f"{v:.3f}" for v in values)
        print(f"{name}: median {statistics.median(values):.3f} s ({shown})")


if __name__ == "__main__":
    main()
