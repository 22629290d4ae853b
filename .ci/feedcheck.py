#!/usr/bin/env python3
"""Every feed.xml under the site directory parses as XML and has an <entry>.

Usage: feedcheck.py [SITE_DIR]   (default: public). Exits 1 on a failure.
"""

import os
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def main(argv):
    site = argv[1] if len(argv) > 1 else "public"
    feeds = sorted(
        os.path.join(d, f) for d, _, files in os.walk(site) for f in files if f == "feed.xml"
    )
    bad = []
    for feed in feeds:
        rel = os.path.relpath(feed, site)
        try:
            root = ET.parse(feed).getroot()
        except ET.ParseError as e:
            bad.append(f"{rel}: not well-formed XML: {e}")
            continue
        entries = root.findall(ATOM + "entry") + root.findall("entry")
        if not entries:
            bad.append(f"{rel}: no <entry>")
    for b in bad:
        print("feed: " + b)
    if not feeds:
        bad.append("no feed.xml")
        print(f"feed: no feed.xml under {site}")
    print(f"feeds: {len(feeds)} checked, {len(bad)} bad")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
