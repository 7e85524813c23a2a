#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-demo.h"
#include "rk-recurrence.h"

static gint64
venue (RkStore *store, const char *name, const char *kind, const char *address,
       const char *contact, gboolean closed_on_holidays, GError **error)
{
  g_autoptr(RkVenue) v = rk_venue_new ();

  g_object_set (v, "name", name, "kind", kind, "address", address, "contact", contact,
                "closed-on-holidays", closed_on_holidays, NULL);
  return rk_store_add_venue (store, v, error);
}

static gint64
room (RkStore *store, gint64 venue_id, const char *name, int capacity, const char *features,
      GError **error)
{
  g_autoptr(RkRoom) r = rk_room_new ();

  g_object_set (r, "venue-id", venue_id, "name", name, "capacity", capacity, "features", features,
                NULL);
  return rk_store_add_room (store, r, error);
}

static gint64
item (RkStore *store, const char *name, gint64 venue_id, GError **error)
{
  g_autoptr(RkEquipment) e = rk_equipment_new ();

  g_object_set (e, "name", name, "venue-id", venue_id, NULL);
  return rk_store_add_equipment (store, e, error);
}

static gint64
staff (RkStore *store, const char *name, const char *kana, const char *role, const char *org,
       const char *phone, GError **error)
{
  g_autoptr(RkStaff) s = rk_staff_new ();

  g_object_set (s, "name", name, "kana", kana, "role", role, "org", org, "phone", phone, NULL);
  return rk_store_add_staff (store, s, error);
}

static gint64
program (RkStore *store, const char *name, int duration, const char *audience, const char *bring,
         const char *color, const char *requires, gboolean staff_only, GError **error)
{
  g_autoptr(RkProgram) p = rk_program_new ();

  g_object_set (p, "name", name, "duration", duration, "audience", audience, "bring", bring,
                "color", color, "requirements", requires, "staff-only", staff_only, NULL);
  return rk_store_add_program (store, p, error);
}

/* The first date on or after `from` that the rule gives, at minute_of_day. */
static RkMinute
first_match (const char *rule, RkDay from, int minute_of_day)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  /* Expand from the first of the month so that "1SU" style rules anchor. */
  int y, m;

  rk_day_to_ymd (from, &y, &m, NULL);
  rk_rrule_expand (rule, rk_minute_make (rk_day_from_ymd (y, m, 1), minute_of_day), from,
                   from + 62, starts, NULL);
  return starts->len ? g_array_index (starts, RkMinute, 0)
                     : rk_minute_make (from, minute_of_day);
}

static gint64
series (RkStore *store, gint64 program_id, const char *rule, RkDay from, int start_min,
        int end_min, gint64 room_id, int capacity, const char *policy, const gint64 *equipment,
        const char *notes, RkMinute *first, GError **error)
{
  g_autoptr(RkEvent) e = rk_event_new ();
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *rrule = NULL;
  g_autofree char *s = NULL, *z = NULL;
  RkMinute start = first_match (rule, from, start_min);

  rrule = rk_rrule_with_end (rule, 0, 3);
  s = rk_time_format (start);
  z = rk_time_format (start - start_min + end_min);
  for (guint i = 0; equipment && equipment[i]; i++)
    g_array_append_val (items, equipment[i]);
  g_object_set (e, "program-id", program_id, "start", s, "end", z, "room-id", room_id,
                "capacity", capacity, "rrule", rrule, "on-holiday", policy, "notes", notes, NULL);
  if (first)
    *first = start;
  return rk_store_add_event (store, e, items, error);
}

static gboolean
assign_all (RkStore *store, gint64 event_id, const gint64 *people, GError **error)
{
  for (guint i = 0; people[i]; i++)
    if (!rk_store_assign (store, event_id, people[i], 0, FALSE, error))
      return FALSE;
  return TRUE;
}

#define H(m) ((m) * 60)
#define CHECK(x) G_STMT_START { if ((x) == 0) return FALSE; } G_STMT_END

gboolean
rk_demo_fill (RkStore *store, RkDay today, GError **error)
{
  gint64 minami, kita, center;
  gint64 minami_play, minami_kitchen, kita_play, center_meeting, center_hall;
  gint64 scales, height_board, bath, dolls;
  gint64 hub_a, hub_b, hub_c, hub_d, nurse_a, nurse_b, nurse_c, nutri_a, nutri_b;
  gint64 midwife_a, midwife_b, vol_a, vol_b, vol_c;
  gint64 p_class, p_health, p_twins, p_liaison, p_training;
  gint64 ev;
  RkMinute liaison_first;

  CHECK (minami = venue (store, "みなみ子育て支援センター", "hub", "さくら市南町1-2-3",
                         "電話 0120-000-111（受付 平日9:00〜17:00）", TRUE, error));
  CHECK (kita = venue (store, "きた子育てひろば", "hub", "さくら市北町4-5-6",
                       "電話 0120-000-222（受付 月〜土 9:30〜16:00）", FALSE, error));
  CHECK (center = venue (store, "さくら市保健センター", "health_centre", "さくら市中央1-1",
                         "電話 0120-000-333（母子保健係）", TRUE, error));

  /* Closing days: the hubs over the New Year, みなみ on Mondays, きた on
   * Sundays, the health centre on weekends. */
  CHECK (rk_store_add_closing (store, minami, RK_CLOSING_YEARLY, 1229, 103, 0, "年末年始", error));
  CHECK (rk_store_add_closing (store, minami, RK_CLOSING_WEEKDAY, 0, 0, 1, "定休日", error));
  CHECK (rk_store_add_closing (store, kita, RK_CLOSING_YEARLY, 1229, 103, 0, "年末年始", error));
  CHECK (rk_store_add_closing (store, kita, RK_CLOSING_WEEKDAY, 0, 0, 7, "定休日", error));
  CHECK (rk_store_add_closing (store, center, RK_CLOSING_YEARLY, 1229, 103, 0, "年末年始", error));
  CHECK (rk_store_add_closing (store, center, RK_CLOSING_WEEKDAY, 0, 0, 6, "土曜日", error));
  CHECK (rk_store_add_closing (store, center, RK_CLOSING_WEEKDAY, 0, 0, 7, "日曜日", error));

  CHECK (minami_play = room (store, minami, "プレイルーム", 30, "プレイルーム,マット", error));
  CHECK (minami_kitchen = room (store, minami, "キッチン・ランチスペース", 20, "キッチン,ランチ", error));
  CHECK (kita_play = room (store, kita, "ひろば", 25, "プレイルーム", error));
  CHECK (room (store, kita, "相談室", 6, "個室", error));
  CHECK (center_meeting = room (store, center, "会議室", 20, "プロジェクター", error));
  CHECK (center_hall = room (store, center, "多目的ホール", 40, "プロジェクター,キッチン", error));

  /* One set of baby scales for the whole town, kept at the health centre. */
  CHECK (scales = item (store, "ベビースケール", center, error));
  CHECK (height_board = item (store, "身長計", center, error));
  CHECK (bath = item (store, "ベビーバス", minami, error));
  CHECK (dolls = item (store, "沐浴人形", minami, error));

  CHECK (hub_a = staff (store, "山田 花子", "やまだ はなこ", "hub_staff", "みなみ子育て支援センター",
                        "090-0000-0001", error));
  CHECK (hub_b = staff (store, "鈴木 恵", "すずき めぐみ", "hub_staff", "みなみ子育て支援センター",
                        "090-0000-0002", error));
  CHECK (hub_c = staff (store, "高橋 由美", "たかはし ゆみ", "hub_staff", "きた子育てひろば",
                        "090-0000-0003", error));
  CHECK (hub_d = staff (store, "伊藤 直子", "いとう なおこ", "hub_staff", "きた子育てひろば",
                        "090-0000-0004", error));
  CHECK (nurse_a = staff (store, "佐藤 美咲", "さとう みさき", "public_health_nurse",
                          "さくら市保健センター", "090-0000-0011", error));
  CHECK (nurse_b = staff (store, "田中 陽子", "たなか ようこ", "public_health_nurse",
                          "さくら市保健センター", "090-0000-0012", error));
  CHECK (nurse_c = staff (store, "渡辺 久美子", "わたなべ くみこ", "public_health_nurse",
                          "さくら市保健センター", "090-0000-0013", error));
  CHECK (nutri_a = staff (store, "中村 彩", "なかむら あや", "nutritionist", "さくら市保健センター",
                          "090-0000-0021", error));
  CHECK (nutri_b = staff (store, "小林 真理", "こばやし まり", "nutritionist", "さくら市保健センター",
                          "090-0000-0022", error));
  CHECK (midwife_a = staff (store, "加藤 千尋", "かとう ちひろ", "midwife", "さくら助産院",
                            "090-0000-0031", error));
  CHECK (midwife_b = staff (store, "吉田 友子", "よしだ ともこ", "midwife", "さくら助産院",
                            "090-0000-0032", error));
  CHECK (vol_a = staff (store, "山本 和子", "やまもと かずこ", "childcare_volunteer",
                        "保育ボランティアの会", "090-0000-0041", error));
  CHECK (vol_b = staff (store, "松本 節子", "まつもと せつこ", "childcare_volunteer",
                        "保育ボランティアの会", "090-0000-0042", error));
  CHECK (vol_c = staff (store, "井上 幸子", "いのうえ さちこ", "childcare_volunteer",
                        "保育ボランティアの会", NULL, error));
  CHECK (staff (store, "木村 健一", "きむら けんいち", "other", "さくら市子育て支援課", NULL, error));
  (void) midwife_b;

  CHECK (p_class = program (store, "両親学級（休日編）", 240,
                            "初めての出産を迎える妊婦さんとご家族",
                            "母子健康手帳・筆記用具", "#E57373",
                            "hub_staff=2,public_health_nurse=1,nutritionist=1,midwife=1", FALSE, error));
  CHECK (p_health = program (store, "健康相談と仲間づくり", 120, "妊婦さん・乳児と保護者",
                             "母子健康手帳・バスタオル", "#64B5F6",
                             "hub_staff=1,public_health_nurse=1,nutritionist=1,midwife=1,"
                             "childcare_volunteer=1", FALSE, error));
  CHECK (p_twins = program (store, "ふたご・みつご広場", 120,
                            "ふたご・みつごの妊婦さん・乳児と保護者", "母子健康手帳・バスタオル",
                            "#81C784",
                            "hub_staff=1,public_health_nurse=1,nutritionist=1,midwife=1,"
                            "childcare_volunteer=1", FALSE, error));
  CHECK (p_liaison = program (store, "連絡会議", 120, "関係機関（職員のみ）", NULL, "#9575CD",
                              "hub_staff=1,public_health_nurse=1", TRUE, error));
  CHECK (p_training = program (store, "合同研修", 180, "保健師・拠点スタッフ（職員のみ）", NULL,
                               "#FFB74D", "hub_staff=2,public_health_nurse=1", TRUE, error));

  /* 1. Parents' class, holiday edition: first Sunday, at みなみ. */
  {
    const gint64 items[] = { bath, dolls, 0 };
    const gint64 people[] = { hub_a, hub_b, nurse_a, nutri_a, midwife_a, 0 };

    CHECK (ev = series (store, p_class, "FREQ=MONTHLY;BYDAY=1SU", today, H (10), H (14),
                        minami_kitchen, 16, "skip", items,
                        "昼食試食あり。沐浴・抱っこ体験、先輩ママとのグループワーク、施設見学",
                        NULL, error));
    if (!assign_all (store, ev, people, error))
      return FALSE;
  }
  /* 2. Health consultation and peer support: second Wednesday, at きた.
   *    Planted: no midwife. */
  {
    const gint64 items[] = { scales, 0 };
    const gint64 people[] = { hub_c, nurse_b, nutri_b, vol_a, 0 };

    CHECK (ev = series (store, p_health, "FREQ=MONTHLY;BYDAY=2WE", today, H (10), H (12), kita_play,
                        20, "next-day", items, "体重測定。希望者は保健師・栄養士・助産師に個別相談",
                        NULL, error));
    if (!assign_all (store, ev, people, error))
      return FALSE;
  }
  /* 3. Twins and triplets circle: third Friday, at みなみ. */
  {
    const gint64 items[] = { scales, height_board, 0 };
    const gint64 people[] = { hub_b, nurse_c, nutri_a, midwife_a, vol_b, 0 };

    CHECK (ev = series (store, p_twins, "FREQ=MONTHLY;BYDAY=3FR", today, H (10), H (12),
                        minami_play, 15, "next-day", items, "体重・身長測定", NULL, error));
    if (!assign_all (store, ev, people, error))
      return FALSE;
  }
  /* Liaison meeting: fourth Tuesday, at the health centre; staff only, as
   * is the joint training: neither is on the families' print. */
  {
    const gint64 people[] = { hub_d, nurse_a, 0 };

    CHECK (ev = series (store, p_liaison, "FREQ=MONTHLY;BYDAY=4TU", today, H (14), H (16),
                        center_meeting, -1, "next-day", NULL, "関係機関の情報共有（内部）",
                        &liaison_first, error));
    if (!assign_all (store, ev, people, error))
      return FALSE;
  }
  /* Joint training: once, the fourth Thursday of next month. */
  {
    g_autoptr(RkEvent) e = rk_event_new ();
    g_autofree char *s = NULL, *z = NULL;
    const gint64 people[] = { hub_a, hub_c, nurse_b, 0 };
    RkMinute start;
    int y, m;

    rk_day_to_ymd (rk_day_add_months (today, 1), &y, &m, NULL);
    start = first_match ("FREQ=MONTHLY;BYDAY=4TH", rk_day_from_ymd (y, m, 1), H (13) + 30);
    s = rk_time_format (start);
    z = rk_time_format (start + H (3));
    g_object_set (e, "program-id", p_training, "title", "合同研修：妊娠期からの切れ目のない支援",
                  "start", s, "end", z, "room-id", center_hall, "on-holiday", "next-day",
                  "notes", "保健師と拠点スタッフの合同研修（事例検討）", NULL);
    CHECK (ev = rk_store_add_event (store, e, NULL, error));
    if (!assign_all (store, ev, people, error))
      return FALSE;
  }
  /* Planted: the liaison meeting's nurse also booked at a hub that afternoon. */
  {
    g_autoptr(RkEvent) e = rk_event_new ();
    g_autofree char *s = rk_time_format (liaison_first + 30);
    g_autofree char *z = rk_time_format (liaison_first + 90);

    g_object_set (e, "title", "ベビーマッサージ講座", "start", s, "end", z, "room-id",
                  minami_play, "capacity", 12, "on-holiday", "keep", NULL);
    CHECK (ev = rk_store_add_event (store, e, NULL, error));
    if (!rk_store_assign (store, ev, nurse_a, 0, FALSE, error) ||
        !rk_store_assign (store, ev, hub_b, 0, FALSE, error))
      return FALSE;
  }
  /* A nurse away on the first three days of the month after next: no
   * event of hers falls on days 1-3 (her circle is on the third Friday). */
  {
    int y, m;
    RkMinute from;

    rk_day_to_ymd (rk_day_add_months (today, 2), &y, &m, NULL);
    from = rk_minute_make (rk_day_from_ymd (y, m, 1), 0);

    CHECK (rk_store_add_unavailability (store, nurse_c, from, from + 3 * RK_MINUTES_PER_DAY,
                                        "研修出張", error));
  }
  (void) vol_c;
  return rk_store_set_setting (store, "demo", "1", error);
}
