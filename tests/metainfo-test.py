#!/usr/bin/env python3
"""The software centre's metainfo against the tree: every screenshot it
names is a file of data/screenshots/ (at the URL of the main branch), the
README's gallery is all there, and the categories and latest release match
the launcher and the project. Usage: metainfo-test.py SOURCE_DIR METAINFO VERSION"""
import configparser
import re
import sys
import xml.etree.ElementTree as ET

src, metainfo, version = sys.argv[1:4]
base = "https://raw.githubusercontent.com/renkei/renkei/main/"
root = ET.parse(metainfo).getroot()
n = 0
failed = False


def check(ok, what):
    global n, failed
    n += 1
    print(("ok %d - " if ok else "not ok %d - ") % n + what)
    failed |= not ok


images = [i.text for i in root.iter("image")]
missing = []
for url in images:
    try:
        open(src + "/" + url[len(base):], "rb").close()
    except OSError:
        missing.append(url)
    if not url.startswith(base):
        missing.append(url)
check(images and not missing, "%d screenshot images, each a file of the tree %s" % (len(images), missing or ""))
shots = list(root.iter("screenshot"))
lang = "{http://www.w3.org/XML/1998/namespace}lang"
check(shots and all(len([i for i in s.iter("image") if i.get(lang) is None]) == 1 and
                    [i for i in s.iter("image") if i.get(lang) == "ja"] for s in shots),
      "each of the %d screenshots has its image, and in Japanese" % len(shots))

readme = open(src + "/README.md", encoding="utf-8").read()
gallery = set(re.findall(r"\((data/screenshots/[^)]+\.png)\)", readme.split("## ", 1)[0]))
listed = {u[len(base):] for u in images}
check(gallery and gallery <= listed, "the README's gallery is in the metainfo: %s" % sorted(gallery - listed))

desktop = configparser.ConfigParser(interpolation=None)
desktop.read(src + "/data/io.github.renkei.Renkei.desktop.in", encoding="utf-8")
launcher = set(filter(None, desktop["Desktop Entry"]["Categories"].split(";")))
categories = {c.text for c in root.iter("category")}
check({"Office", "Calendar"} <= categories <= launcher,
      "categories %s: Office and Calendar, as the launcher's %s" % (sorted(categories), sorted(launcher)))

releases = [r.get("version") for r in root.iter("release")]
check(releases and releases[0] == version, "the latest release is the project's %s: %s" % (version, releases))
check(root.find("content_rating") is not None and root.find("content_rating").get("type") == "oars-1.1",
      "an OARS content rating")
print("1..%d" % n)
sys.exit(1 if failed else 0)
