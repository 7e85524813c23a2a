#pragma once

#include <glib.h>

#include "rk-ical.h"

G_BEGIN_DECLS

/* Data exchange with spreadsheets: one row per occurrence, a header row of
 * column names, for Excel in Japan UTF-8 with a BOM (or Shift_JIS).
 *
 * Columns: date, start, end, title, program, venue, room, status
 * (scheduled, tentative, cancelled, skipped), audience, and in the staff
 * version staff, staff_phone, notes, reason and the occurrence's attendance
 * (families … first_time, consultations, attendance_notes; empty where
 * none was entered); uid last.  The public
 * version never has staff, phone numbers, notes or reasons.
 *
 * Import reads columns by their header names (English, or the Japanese
 * ones 日付, 開始, 終了, タイトル, …; Outlook's 件名, 開始日, 開始時刻,
 * 終了日, 終了時刻, 終日イベント, 場所, 内容 in Japanese or English, and
 * Google Calendar's Subject, Start Date, …), UTF-8 with or without a BOM,
 * UTF-16 with a BOM, or Shift_JIS (Windows-31J, CP932), told apart by
 * content.  Rows that cannot be read are each named with their line, and
 * then nothing is written.  Each row becomes an event of
 * its own, keyed by uid; a row whose uid names an occurrence of a series
 * already in the database ("<series uid>/YYYY-MM-DD", as the export writes
 * it) changes that occurrence instead. */

typedef enum
{
  RK_CSV_UTF8,
  RK_CSV_SHIFT_JIS,
} RkCsvEncoding;

/* An encoding by the names people know it by: utf-8 (utf8), shift_jis
 * (sjis, cp932, windows-31j, ms932: Shift_JIS as Windows and Excel write
 * it).  FALSE for any other. */
gboolean    rk_csv_encoding_from_name (const char        *name,
                                       RkCsvEncoding     *out);

/* The occurrences of options' range (from must be set). */
GBytes     *rk_csv_export        (RkSchedule             *schedule,
                                  GHashTable             *staff_details,
                                  const RkExportOptions  *options,
                                  RkCsvEncoding           encoding,
                                  GError                **error);
GBytes     *rk_csv_export_store  (RkStore                *store,
                                  const RkExportOptions  *options,
                                  RkCsvEncoding           encoding,
                                  GError                **error);

/* Checks every row, then writes inside the caller's transaction.  Errors
 * are RK_ERROR_INVALID naming the line. */
gboolean    rk_csv_import        (RkStore                *store,
                                  const char             *data,
                                  gsize                   length,
                                  RkImportStats          *stats,
                                  GError                **error);

G_END_DECLS
