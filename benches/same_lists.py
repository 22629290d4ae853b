#!/usr/bin/env python3
"""Checks that shelf and the Hugo twin list the same articles on the same pages.

    python3 benches/same_lists.py SHELF_OUTPUT HUGO_OUTPUT [--pages 5]

`examples/generate --hugo` writes a Hugo site meant to show what shelf shows, so that the two
engines are timed on the same work. This compares, for the home page, every topic page and
the first --pages entity pages (by name), the articles each engine's page lists, following
shelf's pagination (`page/2/`, ...) where Hugo puts everything on one page. Articles are
named by slug (shelf's `articles/<slug>/`, Hugo's `posts/<slug>/`), in the order of first
appearance inside `<main>`. A page whose sets of articles differ is an error (exit 1); a page
whose sets agree but whose order differs is reported, since both sort newest first and may
break ties of equal dates differently. Exits 0 when every page compared holds the same set.
"""

import argparse
import os
import re
import sys

LINK = re.compile(r"""href=["']?([^"'\s>]+)""")


def main_part(html):
    start = html.find("<main")
    end = html.find("</main>")
    return html[start:end] if start >= 0 and end > start else ""


def articles_in(html, prefix):
    seen = []
    for href in LINK.findall(main_part(html)):
        parts = [p for p in href.split("/") if p not in ("", ".", "..", "index.html")]
        if len(parts) == 2 and parts[0] == prefix and parts[1] not in seen:
            seen.append(parts[1])
    return seen


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def shelf_list(root, page):
    found, number = [], 1
    while True:
        folder = os.path.join(root, page) if number == 1 else os.path.join(root, page, "page", str(number))
        path = os.path.join(folder, "index.html")
        if not os.path.exists(path):
            return found
        for slug in articles_in(read(path), "articles"):
            if slug not in found:
                found.append(slug)
        number += 1


def hugo_list(root, page):
    path = os.path.join(root, page, "index.html")
    return articles_in(read(path), "posts") if os.path.exists(path) else []


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shelf")
    parser.add_argument("hugo")
    parser.add_argument("--pages", type=int, default=5, help="entity pages to compare")
    args = parser.parse_args()
    pages = [""]
    pages += [f"topics/{t}" for t in sorted(os.listdir(os.path.join(args.shelf, "topics")))
              if os.path.isdir(os.path.join(args.shelf, "topics", t))]
    entities = sorted(e for e in os.listdir(os.path.join(args.shelf, "entities"))
                      if os.path.isdir(os.path.join(args.shelf, "entities", e)))
    pages += [f"entities/{e}" for e in entities[: args.pages]]
    different = 0
    for page in pages:
        shelf, hugo = shelf_list(args.shelf, page), hugo_list(args.hugo, page)
        name = page or "home"
        if set(shelf) != set(hugo):
            different += 1
            print(f"DIFFERENT {name}: shelf {len(shelf)}, Hugo {len(hugo)}, "
                  f"only shelf {sorted(set(shelf) - set(hugo))[:5]}, only Hugo {sorted(set(hugo) - set(shelf))[:5]}")
        elif shelf != hugo:
            print(f"same set, other order {name}: {len(shelf)} articles")
        elif not shelf:
            different += 1
            print(f"EMPTY {name}: neither engine lists an article")
        else:
            print(f"same {name}: {len(shelf)} articles")
    print(f"{len(pages) - different} of {len(pages)} pages list the same articles")
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
