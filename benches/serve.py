#!/usr/bin/env python3
"""Measures `shelf serve`: cold start, and the time from saving one article's metadata to the
rebuilt site (the `rebuilt in N ms` line) and to the browser's `reload` event.

    cargo build --release
    python3 benches/serve.py                 # the real 3-article collection
    python3 benches/serve.py --articles 1000 # plus generated articles
    python3 benches/serve.py --project /dev/shm/shelf-scale/c10000  # a collection made by
                                             # examples/generate (see benches/scale.py)

Copies the project into a temporary folder, starts target/release/shelf serve on 127.0.0.1
with a free port, edits one article's `summary` (or `--field title`) --edits times, and prints the medians.
Everything stays on the loopback interface, and every wait has a deadline.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOPICS = [f"generated-topic-{i}" for i in range(25)]


def generate(project, count):
    seeds = sorted(os.listdir(os.path.join(project, "seeds")))
    for i in range(count):
        with open(os.path.join(project, "seeds", seeds[i % len(seeds)]), encoding="utf-8") as f:
            text = f.read()
        name = f"gen-{i:05}.txt"
        with open(os.path.join(project, "seeds", name), "w", encoding="utf-8") as f:
            f.write(f"Generated copy number {i}.\n\n{text}")
        topics = ", ".join(f'"{TOPICS[(i * 7 + k) % len(TOPICS)]}"' for k in range(3))
        with open(os.path.join(project, "content", "articles", f"generated-{i:05}.toml"), "w", encoding="utf-8") as f:
            f.write(
                f'seed = "{name}"\ntitle = "Generated article {i}"\n'
                f'published = "{1990 + i % 34}-{1 + i % 12:02}"\ntopics = [{topics}]\n'
                f'summary = "A generated article, number {i}, for the benchmark."\n'
            )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=0, help="generated articles to add")
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--field", choices=["summary", "title"], default="summary",
                        help="the metadata field each edit rewrites")
    parser.add_argument("--project", help="a whole project to copy instead of the real collection")
    parser.add_argument("--binary", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "shelf"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as temp:
        project = os.path.join(temp, "site")
        if args.project:
            shutil.copytree(args.project, project, ignore=shutil.ignore_patterns("public", ".serve"))
            articles = sorted(os.listdir(os.path.join(project, "content", "articles")))
            edited = articles[len(articles) // 2]
        else:
            os.makedirs(project)
            for part in ["seeds", "content", "themes"]:
                shutil.copytree(os.path.join(ROOT, part), os.path.join(project, part))
            shutil.copy(os.path.join(ROOT, "site.toml"), project)
            generate(project, args.articles)
            edited = "hoeryong-border-guards.toml"

        build = subprocess.run([args.binary, "build"], cwd=project, capture_output=True, text=True, timeout=600)
        print("build:", build.stdout.strip() or build.stderr.strip())

        started = time.monotonic()
        server = subprocess.Popen([args.binary, "serve", "--port", "0"], cwd=project,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            lines = []
            while True:
                line = server.stdout.readline()
                if not line:
                    raise SystemExit("serve stopped: " + "".join(lines))
                lines.append(line)
                if line.startswith("serving "):
                    break
            print(f"serve cold start (to listening): {(time.monotonic() - started) * 1000:.0f} ms;", lines[0].strip())
            host, port = re.search(r"http://([\d.]+):(\d+)/", line).groups()

            events = socket.create_connection((host, int(port)), timeout=30)
            events.sendall(b"GET /__shelf/events HTTP/1.0\r\nHost: x\r\n\r\n")
            received = b""

            def wait_for(word):
                nonlocal received
                deadline = time.monotonic() + 60
                while word not in received:
                    if time.monotonic() > deadline:
                        raise SystemExit(f"no {word!r} within 60 s")
                    received += events.recv(65536)
                received = received.split(word, 1)[1]

            wait_for(b"event: connected")
            path = os.path.join(project, "content", "articles", edited)
            with open(path, encoding="utf-8") as f:
                original = f.read()
            rebuilt, reloaded = [], []
            for i in range(args.edits):
                text = original.replace(f'{args.field} = "', f'{args.field} = "Edit {i}. ', 1)
                t0 = time.monotonic()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                wait_for(b"event: reload")
                reloaded.append((time.monotonic() - t0) * 1000)
                line = server.stdout.readline()
                rebuilt.append(int(re.search(r"rebuilt in (\d+) ms", line).group(1)))
                time.sleep(0.3)
            count = len(os.listdir(os.path.join(project, "content", "articles")))
            print(f"articles: {count}, edits: {args.edits}")
            print(f"rebuild (cache → written), median {statistics.median(rebuilt):.0f} ms: {rebuilt}")
            print(f"save → reload event (incl. {80} ms debounce), median {statistics.median(reloaded):.0f} ms: "
                  + str([round(x) for x in reloaded]))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
