#!/usr/bin/env python3
"""Offline internal link check of a built site (standard library only).

For every .html file under the site directory, every relative href/src is
resolved against the file's own location; root-relative links ("/...") are
resolved against the path of site.toml's base_url. Links to http(s):,
mailto: and other schemes, and pure "#fragment" links, are not followed.
A target "page#id" must exist and carry that id. A target that is a
directory counts when it holds an index.html.

Usage: linkcheck.py [SITE_DIR] [SITE_TOML]   (defaults: public site.toml)
Prints "links: N checked, M broken" and exits 1 when M > 0.
"""

import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {"href", "src"}


def base_path(site_toml):
    """The path part of base_url, always ending in '/'."""
    try:
        import tomllib

        with open(site_toml, "rb") as f:
            base_url = tomllib.load(f).get("base_url", "/")
    except ModuleNotFoundError:  # Python < 3.11: a plain key = "value" line
        with open(site_toml, encoding="utf-8") as f:
            m = re.search(r'^\s*base_url\s*=\s*"([^"]*)"', f.read(), re.M)
        base_url = m.group(1) if m else "/"
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (line, tag, attr, value)
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        line = self.getpos()[0]
        for name, value in attrs:
            # An empty href/src refers to the page itself: nothing to check.
            if name in LINK_ATTRS and value and value.strip():
                self.links.append((line, tag, name, value.strip()))
        # ...except on a stylesheet link, which must name a file.
        rel = (a.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and not (a.get("href") or "").strip():
            self.links.append((line, tag, "href", ""))

    handle_startendtag = handle_starttag


def parse(path, cache):
    if path not in cache:
        p = PageParser()
        with open(path, encoding="utf-8", errors="replace") as f:
            p.feed(f.read())
        p.close()
        cache[path] = p
    return cache[path]


def resolve(site, page, value, root):
    """(problem, target file, fragment) for a link; target None: not checked."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:  # http(s):, mailto:, data:, //host/...
        return None, None, None
    if not parts.path:  # "#frag" or "?query" on the same page
        return None, None, None
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(root):
            return f"outside the base_url path {root}", "", None
        target = os.path.join(site, path[len(root):])
    else:
        target = os.path.join(os.path.dirname(page), path)
    target = os.path.normpath(target)
    top = os.path.abspath(site)
    if os.path.commonpath([os.path.abspath(target), top]) != top:
        return "points outside the site", "", None
    if os.path.isdir(target):
        target = os.path.join(target, "index.html")
    return None, target, unquote(parts.fragment)


def main(argv):
    site = argv[1] if len(argv) > 1 else "public"
    site_toml = argv[2] if len(argv) > 2 else "site.toml"
    if not os.path.isdir(site):
        print(f"linkcheck: no site directory {site!r}", file=sys.stderr)
        return 2
    root = base_path(site_toml)
    pages = sorted(
        os.path.join(d, f)
        for d, _, files in os.walk(site)
        for f in files
        if f.endswith(".html")
    )
    cache = {}
    checked = 0
    broken = []
    for page in pages:
        p = parse(page, cache)
        rel = os.path.relpath(page, site)
        for line, tag, attr, value in p.links:
            if value == "":
                checked += 1
                broken.append(f"{rel}:{line}: <{tag} rel=stylesheet> has no href")
                continue
            problem, target, frag = resolve(site, page, value, root)
            if target is None:
                continue
            checked += 1
            where = f"{rel}:{line}: <{tag} {attr}=\"{value}\">"
            if problem:
                broken.append(f"{where} {problem}")
                continue
            if not os.path.isfile(target):
                broken.append(f"{where} missing {os.path.relpath(target, site)}")
                continue
            if frag and target.endswith(".html"):
                if frag not in parse(target, cache).ids:
                    broken.append(
                        f"{where} no id {frag!r} in {os.path.relpath(target, site)}"
                    )
    for b in broken:
        print("broken: " + b)
    print(f"links: {checked} checked, {len(broken)} broken ({len(pages)} pages)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
