#pragma once

/* The typeface of every printed document (month, staff sheets, year plan,
 * annual report) and of the benchmark's PDF floor.
 *
 * IPAexGothic first: a TrueType Japanese gothic made for official
 * documents, whose subset cairo embeds with only the glyphs used (tens of
 * kilobytes, steady from month to month). Noto Sans CJK JP is the
 * fallback: its CFF subset as cairo 1.16 writes it keeps most of the
 * font's subroutines (0.15 to 1.8 MB a file, growing with the glyphs a
 * month happens to use), and loading it maps and copies tens of
 * megabytes. Pango falls back per character through the list. */
#define RK_REPORT_FONT_FAMILY "IPAexGothic, Noto Sans CJK JP, Noto Sans JP, sans-serif"

/* The first family alone, for cairo's toy font API (one family). */
#define RK_REPORT_FONT_PRIMARY "IPAexGothic"
