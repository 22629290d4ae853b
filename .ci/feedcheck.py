#!/usr/bin/env python3
"""Every feed.xml under the site directory is read back by a real feed parser.

Usage: feedcheck.py [SITE_DIR] [SITE_TOML]   (defaults: public, site.toml). Exits 1 on a
failure. Uses feedparser (PyPI), which .ci/run installs into a cached virtualenv; every feed
must parse without a "bozo" error, carry a title, a self link and entries, and every entry
must have a title, an id, a date and an absolute link under the site's base_url that names
a page present in the output.
"""

import os
import sys
import tomllib
import urllib.parse

import feedparser


def main(argv):
    site = argv[1] if len(argv) > 1 else "public"
    site_toml = argv[2] if len(argv) > 2 else "site.toml"
    with open(site_toml, "rb") as f:
        base = tomllib.load(f)["base_url"]
    if not base.endswith("/"):
        base += "/"
    feeds = sorted(
        os.path.join(d, f) for d, _, files in os.walk(site) for f in files if f == "feed.xml"
    )
    bad = []
    entries_seen = 0
    for feed in feeds:
        rel = os.path.relpath(feed, site)
        parsed = feedparser.parse(feed)
        if parsed.bozo:
            bad.append(f"{rel}: feedparser error: {parsed.bozo_exception}")
            continue
        if parsed.version != "atom10":
            bad.append(f"{rel}: expected Atom 1.0, got {parsed.version!r}")
        if not parsed.feed.get("title"):
            bad.append(f"{rel}: feed has no title")
        if not any(link.get("rel") == "self" for link in parsed.feed.get("links", [])):
            bad.append(f"{rel}: feed has no self link")
        if not parsed.entries:
            bad.append(f"{rel}: no entries")
        for entry in parsed.entries:
            entries_seen += 1
            name = entry.get("title") or entry.get("id") or "?"
            for key in ("title", "id", "link", "updated"):
                if not entry.get(key):
                    bad.append(f"{rel}: entry {name!r} has no {key}")
            link = entry.get("link", "")
            if not link.startswith(base):
                bad.append(f"{rel}: entry link {link} is not under {base}")
                continue
            path = urllib.parse.unquote(link[len(base):])
            target = os.path.join(site, path, "index.html") if path.endswith("/") or not path else os.path.join(site, path)
            if not os.path.isfile(target):
                bad.append(f"{rel}: entry link {link} names no page in {site}/")
    for b in bad:
        print("feed: " + b)
    if not feeds:
        bad.append("no feed.xml")
        print(f"feed: no feed.xml under {site}")
    print(f"feeds: {len(feeds)} parsed by feedparser {feedparser.__version__}, {entries_seen} entries, {len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
