#!/usr/bin/env python3
"""Fills @COMMANDS@ of renkei-cli.1.scd.in with the commands renkei-cli
--help lists, so the man page covers every command the program has.
Usage: man-commands.py RENKEI_CLI TEMPLATE OUTPUT"""
import os
import subprocess
import sys

cli, template, output = sys.argv[1:4]
env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", RENKEI_LOCALEDIR="/nonexistent")
text = subprocess.run([cli, "--help"], env=env, check=True, capture_output=True,
                      text=True).stdout
lines = text.split("Commands:", 1)[1].strip("\n").splitlines()


def escape(s):
    return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


items = []
for line in lines:
    line = line.strip()
    if not line:
        continue
    words = line.split(" ")
    # the command's words are lower-case, its arguments not
    n = 1
    while n < len(words) and words[n].isalpha() and words[n].islower():
        n += 1
    name, rest = " ".join(words[:n]), " ".join(words[n:])
    items.append("*%s* %s" % (escape(name), escape(rest)) if rest else "*%s*" % escape(name))
    items.append("")
body = open(template, encoding="utf-8").read().replace("@COMMANDS@", "\n".join(items).rstrip())
open(output, "w", encoding="utf-8").write(body)
