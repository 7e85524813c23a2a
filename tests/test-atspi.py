#!/usr/bin/python3
"""The desktop app as a screen reader and a keyboard-only person use it.

Run under a session bus and Xvfb (tests/meson.build does it):
  xvfb-run -a dbus-run-session -- python3 test-atspi.py RENKEI RENKEI_CLI SCHEMA_DIR LOCALEDIR
Talks to the app over AT-SPI (python3-pyatspi) only: finds controls by the
names a screen reader reads, checks those names, and makes an event with
the keyboard alone. Prints TAP.
"""
import os
import subprocess
import sys
import tempfile
import time

import pyatspi

renkei, cli, schema_dir, localedir = sys.argv[1:5]
TODAY = "2026-12-01"

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok" if ok else "not ok"), len(results), "-", name)
    if not ok and detail:
        for line in str(detail).splitlines():
            print("#", line)


def wait_for(what, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = what()
        if found:
            return found
        time.sleep(0.25)
    return None


def descendants(root, role=None, showing=True):
    def keep(o):
        try:
            if role is not None and o.getRole() != role:
                return False
            if not showing:
                return True
            # GTK 4.8 sets no "showing": a shown widget is visible and has a size.
            if not o.getState().contains(pyatspi.STATE_VISIBLE):
                return False
            ext = o.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            return ext.width > 0 and ext.height > 0
        except Exception:
            return False
    return pyatspi.findAllDescendants(root, keep)


def by_name(root, role, prefix, showing=True):
    for o in descendants(root, role, showing):
        if o.name and o.name.startswith(prefix):
            return o
    return None


def keys(text):
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)
    time.sleep(0.3)


def press(keysym_name, modifiers=()):
    from gi.repository import Atspi
    codes = {"Return": 0xff0d, "Tab": 0xff09, "Right": 0xff53, "Down": 0xff54, "Up": 0xff52,
             "Alt_L": 0xffe9, "Control_L": 0xffe3, "s": 0x73}
    masks = {"Alt_L": 1 << 3, "Control_L": 1 << 2}
    mask = sum(masks[m] for m in modifiers)
    if mask:
        Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(codes[keysym_name], None, Atspi.KeySynthType.SYM)
    if mask:
        Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
    time.sleep(0.4)


def focused(app):
    for o in descendants(app):
        try:
            if o.getState().contains(pyatspi.STATE_FOCUSED):
                return o
        except Exception:
            pass
    return None


def main():
    tmp = tempfile.mkdtemp(prefix="renkei-atspi-")
    db = os.path.join(tmp, "renkei.db")
    env = dict(os.environ, RENKEI_TODAY=TODAY, GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=schema_dir, RENKEI_LOCALEDIR=localedir,
               LANG="C.UTF-8", LC_ALL="C.UTF-8", GTK_A11Y="atspi", GSK_RENDERER="cairo")
    env.pop("NO_AT_BRIDGE", None)
    subprocess.run([cli, "--db", db, "init", "--demo"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    app_proc = subprocess.Popen([renkei, "--db", db], env=env)
    try:
        run(app_proc, db, env)
    finally:
        app_proc.terminate()
        app_proc.wait(10)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


def run(app_proc, db, env):
    def find_app():
        for a in pyatspi.Registry.getDesktop(0):
            if a is not None and a.name == "renkei":
                grid = by_name(a, pyatspi.ROLE_TABLE, "Month calendar", showing=False)
                if grid is not None:
                    return a
        return None

    app = wait_for(find_app, 40)
    check("the app is on the accessibility bus with its month", app is not None)
    if app is None:
        return

    # Every control a person can reach has a name of words, not a class.
    unnamed = []
    for role in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PAGE_TAB,
                 pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_TEXT, pyatspi.ROLE_COMBO_BOX):
        for o in descendants(app, role):
            if not o.name or o.name.startswith(("Gtk", "Adw", "Rk")):
                unnamed.append("%s %r" % (o.getRoleName(), o.name))
    check("every shown control has a name", not unnamed, "\n".join(unnamed))
    # A mnemonic's underscore is not read ("_Today Today" in GTK 4.8).
    today = [o.name for o in descendants(app, pyatspi.ROLE_PUSH_BUTTON)
             if o.name and "Today" in o.name]
    check("a button with a mnemonic reads the text it shows", today == ["Today"], today)
    pages = [o.name for o in descendants(app, pyatspi.ROLE_PAGE_TAB)]
    check("the pages are titled tabs", all(p in pages for p in
                                           ("Month", "Agenda", "Staff", "Places", "Equipment",
                                            "Programs")), pages)

    # What a screen reader reads for days and for an event.
    empty = by_name(app, pyatspi.ROLE_PANEL, "Thu 3 Dec 2026")
    check("an empty day reads its date, weekday and no events",
          empty is not None and empty.name == "Thu 3 Dec 2026, no events",
          empty and empty.name)
    busy = by_name(app, pyatspi.ROLE_PANEL, "Tue 22 Dec 2026")
    check("a day reads its events with times, places and problems",
          busy is not None and busy.name.startswith("Tue 22 Dec 2026, 2 events; 14:00–16:00 連絡会議, "
                                                     "さくら市保健センター · 会議室, 1 problem"),
          busy and busy.name)
    holiday = by_name(app, pyatspi.ROLE_PANEL, "Fri 1 Jan 2027")
    check("a holiday reads its name and closing",
          holiday is not None and holiday.name.startswith("Fri 1 Jan 2027, New Year's Day, closed"),
          holiday and holiday.name)
    closing = by_name(app, pyatspi.ROLE_PANEL, "Mon 7 Dec 2026")
    check("a day some places are closed names them",
          closing is not None and "closed: みなみ子育て支援センター" in closing.name,
          closing and closing.name)
    chip = by_name(app, pyatspi.ROLE_PUSH_BUTTON, "10:00–12:00 健康相談と仲間づくり")
    check("an event reads its time, title, place and problems",
          chip is not None and chip.name == "10:00–12:00 健康相談と仲間づくり, きた子育てひろば · ひろば, 1 problem",
          chip and chip.name)
    check("an event's problems are its description",
          chip is not None and "Midwife" in (chip.description or ""), chip and chip.description)

    # A new event with the keyboard alone: Tab into the month, arrows to
    # an empty day, Enter, type, save.
    day = None
    for _ in range(40):
        press("Tab")
        day = focused(app)
        if day is not None and day.getRole() == pyatspi.ROLE_PANEL and \
                day.name.startswith("Sun 29 Nov 2026"):
            break
    check("Tab reaches the month's first day", day is not None and
          day.name.startswith("Sun 29 Nov 2026"), day and "%s %r" % (day.getRoleName(), day.name))
    for _ in range(4):
        press("Right")
    day = focused(app)
    check("the arrow keys move to an empty day, which takes the focus",
          day is not None and day.name == "Thu 3 Dec 2026, no events", day and day.name)
    press("Down")
    press("Up")
    press("Right")
    day = focused(app)
    check("and on to the next day",
          day is not None and day.name.startswith("Fri 4 Dec 2026"), day and day.name)
    press("Return")

    def editor():
        for w in app:
            if w is not None and w.name in ("New Event",):
                return w
        return None

    win = wait_for(editor, 10)
    check("Enter on a day opens a new event's editor", win is not None,
          [w.name for w in app if w is not None])
    if win is None:
        return
    title = wait_for(lambda: by_name(win, pyatspi.ROLE_TEXT, "Title"), 5)
    focus = focused(app)
    check("the title field has the focus and its name",
          focus is not None and focus.getRole() == pyatspi.ROLE_TEXT and title is not None,
          "%r %r" % (focus and focus.name, title and title.name))
    shown = [o.name for role in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON,
                                 pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON)
             for o in descendants(win, role)]
    marked = [n for n in shown if n and "_" in n]
    check("the editor's controls read without mnemonic underscores",
          "Save" in shown and not marked, "%r %r" % (marked, shown))
    keys("Keyboard meeting")
    press("s", ("Alt_L",))
    gone = wait_for(lambda: editor() is None, 10)
    check("Alt+S saves and closes the editor", gone)

    out = subprocess.run([cli, "--db", db, "event", "list", "--from", "2026-12-04", "--to",
                          "2026-12-04"], env=env, capture_output=True, text=True).stdout
    check("the event is saved on the day chosen", "Keyboard meeting" in out, out)
    day4 = wait_for(lambda: (lambda d: d if d and "Keyboard meeting" in d.name else None)(
        by_name(app, pyatspi.ROLE_PANEL, "Fri 4 Dec 2026")), 10)
    check("the day now reads the new event", day4 is not None,
          by_name(app, pyatspi.ROLE_PANEL, "Fri 4 Dec 2026").name)


if __name__ == "__main__":
    sys.exit(main())
