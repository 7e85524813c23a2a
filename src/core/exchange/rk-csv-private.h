#pragma once

/* What the reading of .csv shares between rk-csv.c (rows and columns) and
 * rk-csv-values.c (the cells: dates, times, yes/no, text encodings) as
 * spreadsheets and other calendars write them. */

#include <glib.h>

#include "rk-csv.h"

G_BEGIN_DECLS

/* Shift_JIS as Windows writes it (Windows-31J, CP932): the NEC and IBM
 * extensions (①, ㈱, 髙) that Japanese offices type every day. */
#define RK_CSV_SJIS_CHARSET "CP932"

/* 2027-01-18, 2027/1/18, 2027.1.18, 2027年1月18日, 令和9年1月18日, the US
 * 01/18/2027 of Google's CSV, with full-width digits and a weekday such
 * as "(月)" after it. */
gboolean  rk_csv_parse_date      (const char  *text,
                                  RkDay       *out);

/* 10:00, 9:30, 10:00:00, 午前10:00, 午後 2:30, 2:30 PM, 10時30分: minutes
 * since midnight (24:00 is 1440). */
gboolean  rk_csv_parse_time      (const char  *text,
                                  int         *minutes);

/* TRUE/FALSE, True/False, オン/オフ, はい/いいえ, 1/0, ○/×: 1, 0, or -1
 * when it is none of them. */
int       rk_csv_parse_bool      (const char  *text);

/* The text of a file in UTF-8: UTF-8 with or without a BOM, UTF-16 with a
 * BOM (Excel's "Unicode text"), else Shift_JIS (CP932).  *from_sjis says
 * which it was. */
char     *rk_csv_decode          (const char  *data,
                                  gsize        length,
                                  gboolean    *from_sjis,
                                  GError     **error);

/* Are a and b the same text once each has been through Shift_JIS?  〜 − ‖
 * ¢ £ ¬ — come back from CP932 as their Windows look-alikes ～ － ∥ ￠ ￡
 * ￢ ―: for a round trip those are the same. */
gboolean  rk_csv_same_through_sjis (const char *a,
                                    const char *b);

G_END_DECLS
