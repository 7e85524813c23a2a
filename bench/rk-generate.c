#define G_LOG_DOMAIN "renkei-bench"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "rk-entities.h"
#include "rk-store-attendance.h"
#include "rk-store-batch.h"
#include "rk-error.h"
#include "rk-generate.h"
#include "rk-expand.h"
#include "rk-recurrence.h"

/* ---- the programs ------------------------------------------------------- */

enum
{
  P_PARENTS,
  P_HEALTH,
  P_TWINS,
  P_LIAISON,
  P_TRAINING,
  P_COUNCIL,
  P_OPEN,
  P_WEANING,
  P_WEEKLY0,
  N_WEEKLY = 16,
  P_MONTHLY0 = P_WEEKLY0 + N_WEEKLY,
  N_MONTHLY = 8,
  P_SEASON0 = P_MONTHLY0 + N_MONTHLY,
  N_SEASON = 8,
  N_PROGRAMS = P_SEASON0 + N_SEASON,
};

typedef struct
{
  const char *name;
  int         duration;
  const char *audience;
  const char *requires;
} ProgramDef;

static const ProgramDef core_programs[P_WEEKLY0] = {
  [P_PARENTS]  = { "両親学級（休日編）", 180, "初めての出産を迎える妊婦さんとご家族",
                   "hub_staff=2,public_health_nurse=1,nutritionist=1,midwife=1" },
  [P_HEALTH]   = { "健康相談と仲間づくり", 120, "妊婦さん・乳児と保護者",
                   "hub_staff=2,public_health_nurse=1,nutritionist=1,midwife=1,"
                   "childcare_volunteer=1" },
  [P_TWINS]    = { "ふたご・みつご広場", 90, "ふたご・みつごの妊婦さん・乳児と保護者",
                   "hub_staff=1,public_health_nurse=1,midwife=1" },
  [P_LIAISON]  = { "連絡会議", 120, "関係機関（職員のみ）",
                   "hub_staff=1,public_health_nurse=1,other=1" },
  [P_TRAINING] = { "合同研修", 180, "保健師・拠点スタッフ（職員のみ）",
                   "hub_staff=1,public_health_nurse=1" },
  [P_COUNCIL]  = { "要保護児童対策地域協議会", 120, "関係機関（職員のみ）",
                   "public_health_nurse=1,other=1" },
  [P_OPEN]     = { "ひろば開放", 120, "乳幼児と保護者", "hub_staff=2" },
  [P_WEANING]  = { "離乳食教室", 90, "生後5〜8か月の乳児の保護者",
                   "hub_staff=1,nutritionist=1" },
};

static const char * const weekly_names[N_WEEKLY] = {
  "ベビーマッサージ", "リズムあそび", "絵本の読み聞かせ", "ふれあい遊び", "手形アート",
  "親子ヨガ", "英語であそぼう", "製作あそび", "身体測定の日", "お誕生会", "パパと遊ぼう",
  "プレママの会", "子育てサロン", "赤ちゃんの日", "よちよちクラブ", "歌とピアノの会",
};

static const struct
{
  const char *name;
  RkRole      expert;
} monthly_defs[N_MONTHLY] = {
  { "育児相談", RK_ROLE_PUBLIC_HEALTH_NURSE },
  { "栄養相談", RK_ROLE_NUTRITIONIST },
  { "助産師相談", RK_ROLE_MIDWIFE },
  { "発達相談", RK_ROLE_PUBLIC_HEALTH_NURSE },
  { "母乳相談", RK_ROLE_MIDWIFE },
  { "歯みがき教室", RK_ROLE_PUBLIC_HEALTH_NURSE },
  { "卒乳相談", RK_ROLE_MIDWIFE },
  { "幼児食の話", RK_ROLE_NUTRITIONIST },
};

static const struct
{
  const char *name;
  int         month, day;
} season_defs[N_SEASON] = {
  { "こどもの日の集い", 5, 1 },
  { "七夕会", 7, 7 },
  { "夏まつり", 8, 1 },
  { "運動会", 10, 10 },
  { "ハロウィン", 10, 31 },
  { "クリスマス会", 12, 20 },
  { "節分", 2, 3 },
  { "ひな祭り", 3, 3 },
};

static const char * const colors[] = {
  "#E57373", "#64B5F6", "#81C784", "#9575CD", "#FFB74D", "#4DB6AC", "#F06292", "#A1887F",
};

/* ---- names -------------------------------------------------------------- */

typedef struct
{
  const char *kanji;
  const char *kana;
} Name;

static const Name families[] = {
  { "佐藤", "さとう" }, { "鈴木", "すずき" }, { "高橋", "たかはし" }, { "田中", "たなか" },
  { "伊藤", "いとう" }, { "渡辺", "わたなべ" }, { "山本", "やまもと" }, { "中村", "なかむら" },
  { "小林", "こばやし" }, { "加藤", "かとう" }, { "吉田", "よしだ" }, { "山田", "やまだ" },
  { "佐々木", "ささき" }, { "山口", "やまぐち" }, { "松本", "まつもと" }, { "井上", "いのうえ" },
  { "木村", "きむら" }, { "林", "はやし" }, { "斎藤", "さいとう" }, { "清水", "しみず" },
  { "山崎", "やまざき" }, { "森", "もり" }, { "池田", "いけだ" }, { "橋本", "はしもと" },
  { "阿部", "あべ" }, { "石川", "いしかわ" }, { "山下", "やました" }, { "中島", "なかじま" },
  { "石井", "いしい" }, { "小川", "おがわ" }, { "前田", "まえだ" }, { "岡田", "おかだ" },
  { "長谷川", "はせがわ" }, { "藤田", "ふじた" }, { "後藤", "ごとう" }, { "近藤", "こんどう" },
  { "村上", "むらかみ" },
};

static const Name givens[] = {
  { "花子", "はなこ" }, { "恵", "めぐみ" }, { "由美", "ゆみ" }, { "直子", "なおこ" },
  { "美咲", "みさき" }, { "陽子", "ようこ" }, { "久美子", "くみこ" }, { "彩", "あや" },
  { "真理", "まり" }, { "千尋", "ちひろ" }, { "友子", "ともこ" }, { "和子", "かずこ" },
  { "節子", "せつこ" }, { "幸子", "さちこ" }, { "健一", "けんいち" }, { "大輔", "だいすけ" },
  { "裕子", "ゆうこ" }, { "明美", "あけみ" }, { "智子", "さとこ" }, { "京子", "きょうこ" },
  { "愛", "あい" }, { "舞", "まい" }, { "翔太", "しょうた" }, { "拓也", "たくや" },
  { "沙織", "さおり" }, { "理恵", "りえ" }, { "香織", "かおり" }, { "真由美", "まゆみ" },
  { "典子", "のりこ" }, { "浩二", "こうじ" }, { "綾乃", "あやの" },
};

static const char * const places[] = {
  "あおば", "さくら", "ひまわり", "たんぽぽ", "すみれ", "もみじ", "つばさ", "ひかり", "みどり",
  "かえで", "わかば", "こすもす", "なのはな", "あさひ", "ほしぞら", "にじいろ", "そよかぜ",
  "おひさま", "どんぐり", "ふたば", "ゆりかご", "はなみずき", "つくし", "れんげ", "やまびこ",
};

static const char * const areas[] = { "中央", "東部", "西部", "南部", "北部" };

/* ---- the generator state ------------------------------------------------ */

typedef struct
{
  gint64  venue;
  gint64  play, kitchen, consult, hall;   /* hall: 0 when the hub has none */
  gint64  scale, board;
  int     area;
  gboolean closed_on_holidays;
} Hub;

typedef struct
{
  gint64  venue;
  gint64  meeting, training;
} Centre;

typedef struct
{
  gint64  dolls, bath;
} BathSet;

typedef struct
{
  RkStore           *store;
  RkStoreBatch      *batch;                 /* the many rows, written a few hundred at a time */
  const RkGenParams *p;
  RkGenStats        *stats;
  GChecksum         *sum;
  GRand             *rng;
  int                year_index;
  int                fy;
  RkDay              fy_first, fy_last;
  GArray            *hubs;                  /* Hub */
  GPtrArray         *hub_names;
  GArray            *centres;               /* Centre */
  GArray            *sets;                  /* BathSet */
  GArray            *role_staff[RK_N_ROLES]; /* gint64 */
  int                hub_per;               /* hub staff per hub */
  gint64             programs[N_PROGRAMS];
  int                durations[N_PROGRAMS];
  /* (staff, weekday, band, nth) already taken this fiscal year */
  GHashTable        *busy;
  guint              cursor[RK_N_ROLES][8][2];
} Gen;

#define AM 0
#define PM 1
#define H(h, m) ((h) * 60 + (m))
#define CHECK(x) G_STMT_START { if ((x) == 0) return FALSE; } G_STMT_END

static void
note (Gen *g, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
note (Gen *g, const char *format, ...)
{
  g_autofree char *line = NULL;
  va_list ap;

  va_start (ap, format);
  line = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_checksum_update (g->sum, (const guchar *) line, -1);
  g_checksum_update (g->sum, (const guchar *) "\n", 1);
}

/* ---- parameters --------------------------------------------------------- */

void
rk_gen_params_init (RkGenParams *params)
{
  params->hubs = 50;
  params->staff = 300;
  params->years = 5;
  params->seed = 1;
  params->first_year = 2026;
}

char *
rk_gen_params_to_string (const RkGenParams *p)
{
  /* "generator=N": bump N when the generated data changes. */
  return g_strdup_printf ("generator=3 hubs=%d staff=%d years=%d seed=%u first_year=%d",
                          p->hubs, p->staff, p->years, p->seed, p->first_year);
}

RkDay
rk_gen_first_day (const RkGenParams *p)
{
  return rk_day_from_ymd (p->first_year, 4, 1);
}

RkDay
rk_gen_last_day (const RkGenParams *p)
{
  return rk_day_from_ymd (p->first_year + p->years, 3, 31);
}

void
rk_gen_stats_clear (RkGenStats *stats)
{
  g_clear_pointer (&stats->checksum, g_free);
}

void
rk_gen_summary_clear (RkGenSummary *summary)
{
  g_clear_pointer (&summary->checksum, g_free);
}

/* ---- reference data ----------------------------------------------------- */

static gint64
add_venue (Gen *g, const char *name, const char *kind, gboolean closed_on_holidays,
           GError **error)
{
  g_autoptr(RkVenue) v = rk_venue_new ();
  g_autofree char *address = g_strdup_printf ("さくら市%s町%u-%u", places[g->stats->venues % G_N_ELEMENTS (places)],
                                              1 + g->stats->venues % 9, 1 + g->stats->venues % 17);
  gint64 id;

  g_object_set (v, "name", name, "kind", kind, "address", address,
                "contact", "電話 0120-000-000（受付 平日9:00〜17:00）",
                "closed-on-holidays", closed_on_holidays, NULL);
  id = rk_store_batch_add_venue (g->batch, v, error);
  note (g, "venue %" PRId64 " %s %s %d", id, name, kind, closed_on_holidays);
  if (id)
    g->stats->venues++;
  return id;
}

static gint64
add_room (Gen *g, gint64 venue, const char *name, int capacity, const char *features,
          GError **error)
{
  g_autoptr(RkRoom) r = rk_room_new ();
  gint64 id;

  g_object_set (r, "venue-id", venue, "name", name, "capacity", capacity, "features", features,
                NULL);
  id = rk_store_batch_add_room (g->batch, r, error);
  note (g, "room %" PRId64 " %" PRId64 " %s %d", id, venue, name, capacity);
  if (id)
    g->stats->rooms++;
  return id;
}

static gint64
add_item (Gen *g, const char *name, gint64 venue, GError **error)
{
  g_autoptr(RkEquipment) e = rk_equipment_new ();
  gint64 id;

  g_object_set (e, "name", name, "venue-id", venue, NULL);
  id = rk_store_batch_add_equipment (g->batch, e, error);
  note (g, "item %" PRId64 " %s %" PRId64, id, name, venue);
  if (id)
    g->stats->equipment++;
  return id;
}

static gboolean
add_closing (Gen *g, gint64 venue, RkClosingKind kind, int start, int end, int weekday,
             const char *reason, GError **error)
{
  gint64 id = rk_store_batch_add_closing (g->batch, venue, kind, start, end, weekday, reason,
                                           error);

  note (g, "closing %" PRId64 " %" PRId64 " %d %d %d %d", id, venue, kind,
        start, end, weekday);
  if (id)
    g->stats->closings++;
  return id != 0;
}

static gboolean
add_hubs (Gen *g, GError **error)
{
  int n_areas = MAX (1, (g->p->hubs + 9) / 10);
  int n_sets = MAX (1, g->p->hubs / 8);
  guint np = G_N_ELEMENTS (places);

  for (int a = 0; a < n_areas; a++)
    {
      Centre c = { 0 };
      g_autofree char *name = a < (int) G_N_ELEMENTS (areas)
                                ? g_strdup_printf ("さくら市%s保健センター", areas[a])
                                : g_strdup_printf ("さくら市第%d保健センター", a + 1);

      CHECK (c.venue = add_venue (g, name, "health_centre", TRUE, error));
      CHECK (c.meeting = add_room (g, c.venue, "会議室", 30, "projector", error));
      CHECK (c.training = add_room (g, c.venue, "研修室", 60, "projector,kitchen", error));
      CHECK (add_closing (g, c.venue, RK_CLOSING_YEARLY, 1229, 103, 0, "年末年始", error));
      CHECK (add_closing (g, c.venue, RK_CLOSING_WEEKDAY, 0, 0, 6, "土曜日", error));
      CHECK (add_closing (g, c.venue, RK_CLOSING_WEEKDAY, 0, 0, 7, "日曜日", error));
      g_array_append_val (g->centres, c);
    }

  /* Baby baths and bathing dolls go round the hubs' parents' classes. */
  for (int s = 0; s < n_sets; s++)
    {
      BathSet b = { 0 };
      gint64 home = g_array_index (g->centres, Centre, s % n_areas).venue;
      g_autofree char *dolls = g_strdup_printf ("沐浴人形セット%d", s + 1);
      g_autofree char *bath = g_strdup_printf ("ベビーバス%d", s + 1);

      CHECK (b.dolls = add_item (g, dolls, home, error));
      CHECK (b.bath = add_item (g, bath, home, error));
      g_array_append_val (g->sets, b);
    }

  for (int h = 0; h < g->p->hubs; h++)
    {
      Hub hub = { 0 };
      g_autofree char *name = NULL;

      if (h < (int) np)
        name = g_strdup_printf ("%s子育て支援センター", places[h]);
      else if (h < 2 * (int) np)
        name = g_strdup_printf ("%s子育てひろば", places[h % np]);
      else
        name = g_strdup_printf ("%s子育てひろば%d", places[h % np], h / np);
      hub.area = h % n_areas;
      hub.closed_on_holidays = h % 2 == 0;
      CHECK (hub.venue = add_venue (g, name, "hub", hub.closed_on_holidays, error));
      g_ptr_array_add (g->hub_names, g_strdup (name));
      CHECK (hub.play = add_room (g, hub.venue, "プレイルーム", 30, "playroom,mats", error));
      CHECK (hub.kitchen = add_room (g, hub.venue, "キッチン・ランチスペース", 16, "kitchen,lunch",
                                     error));
      CHECK (hub.consult = add_room (g, hub.venue, "相談室", 6, "private", error));
      if (h % 3 == 0)
        CHECK (hub.hall = add_room (g, hub.venue, "多目的室", 40, "hall", error));
      CHECK (hub.scale = add_item (g, "ベビースケール", hub.venue, error));
      CHECK (hub.board = add_item (g, "身長計", hub.venue, error));
      CHECK (add_closing (g, hub.venue, RK_CLOSING_YEARLY, 1229, 103, 0, "年末年始", error));
      /* Hubs with a Sunday parents' class open on Sundays. */
      if (h % 4 != 1)
        CHECK (add_closing (g, hub.venue, RK_CLOSING_WEEKDAY, 0, 0, 7, "定休日", error));
      g_array_append_val (g->hubs, hub);
    }
  return TRUE;
}

static gint64
add_person (Gen *g, RkRole role, const char *org, GError **error)
{
  g_autoptr(RkStaff) s = rk_staff_new ();
  const Name *f = &families[g_rand_int_range (g->rng, 0, G_N_ELEMENTS (families))];
  const Name *n = &givens[g_rand_int_range (g->rng, 0, G_N_ELEMENTS (givens))];
  g_autofree char *name = g_strdup_printf ("%s %s", f->kanji, n->kanji);
  g_autofree char *kana = g_strdup_printf ("%s %s", f->kana, n->kana);
  g_autofree char *phone = g_strdup_printf ("090-%04u-%04u", 1000 + g->stats->staff / 1000,
                                            g->stats->staff % 10000);
  gint64 id;

  g_object_set (s, "name", name, "kana", kana, "role", rk_role_to_token (role), "org", org,
                "phone", phone, NULL);
  id = rk_store_batch_add_staff (g->batch, s, error);
  note (g, "staff %" PRId64 " %s %s %s", id, name, rk_role_to_token (role), org);
  if (id)
    {
      g->stats->staff++;
      g_array_append_val (g->role_staff[role], id);
    }
  return id;
}

static gboolean
add_staff (Gen *g, GError **error)
{
  int n = g->p->staff;
  int counts[RK_N_ROLES];
  int others = 0;

  counts[RK_ROLE_PUBLIC_HEALTH_NURSE] = MAX (1, n * 15 / 100);
  counts[RK_ROLE_NUTRITIONIST] = MAX (1, n * 8 / 100);
  counts[RK_ROLE_MIDWIFE] = MAX (1, n * 8 / 100);
  counts[RK_ROLE_CHILDCARE_VOLUNTEER] = MAX (1, n * 15 / 100);
  counts[RK_ROLE_OTHER] = MAX (1, n * 4 / 100);
  for (int r = RK_ROLE_PUBLIC_HEALTH_NURSE; r < RK_N_ROLES; r++)
    others += counts[r];
  counts[RK_ROLE_HUB_STAFF] = n - others;
  if (counts[RK_ROLE_HUB_STAFF] < 1)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("%d staff are too few to staff every role; give --staff %d or more"), n,
                   others + 1);
      return FALSE;
    }
  g->hub_per = MAX (1, counts[RK_ROLE_HUB_STAFF] / g->p->hubs);

  for (int i = 0; i < counts[RK_ROLE_HUB_STAFF]; i++)
    {
      int h = (i / g->hub_per) % g->p->hubs;

      CHECK (add_person (g, RK_ROLE_HUB_STAFF, g_ptr_array_index (g->hub_names, h), error));
    }
  for (int i = 0; i < counts[RK_ROLE_PUBLIC_HEALTH_NURSE]; i++)
    CHECK (add_person (g, RK_ROLE_PUBLIC_HEALTH_NURSE, "さくら市保健センター", error));
  for (int i = 0; i < counts[RK_ROLE_NUTRITIONIST]; i++)
    CHECK (add_person (g, RK_ROLE_NUTRITIONIST, "さくら市健康推進課", error));
  for (int i = 0; i < counts[RK_ROLE_MIDWIFE]; i++)
    CHECK (add_person (g, RK_ROLE_MIDWIFE, "さくら助産師会", error));
  for (int i = 0; i < counts[RK_ROLE_CHILDCARE_VOLUNTEER]; i++)
    CHECK (add_person (g, RK_ROLE_CHILDCARE_VOLUNTEER, "保育ボランティアの会", error));
  for (int i = 0; i < counts[RK_ROLE_OTHER]; i++)
    CHECK (add_person (g, RK_ROLE_OTHER, "さくら市子育て支援課", error));
  return TRUE;
}

static gint64
add_program (Gen *g, int index, const char *name, int duration, const char *audience,
             const char *requires, GError **error)
{
  g_autoptr(RkProgram) p = rk_program_new ();
  gint64 id;

  /* Meetings among the services are for staff: they never reach a public print. */
  gboolean staff_only = index == P_LIAISON || index == P_TRAINING || index == P_COUNCIL;

  g_object_set (p, "name", name, "duration", duration, "audience", audience,
                "color", colors[index % G_N_ELEMENTS (colors)], "requirements", requires,
                "staff-only", staff_only, NULL);
  id = rk_store_batch_add_program (g->batch, p, error);
  note (g, "program %" PRId64 " %s %d %s", id, name, duration, requires);
  if (id)
    {
      g->stats->programs++;
      g->programs[index] = id;
      g->durations[index] = duration;
    }
  return id;
}

static gboolean
add_programs (Gen *g, GError **error)
{
  for (int i = 0; i < P_WEEKLY0; i++)
    CHECK (add_program (g, i, core_programs[i].name, core_programs[i].duration,
                        core_programs[i].audience, core_programs[i].requires, error));
  for (int i = 0; i < N_WEEKLY; i++)
    CHECK (add_program (g, P_WEEKLY0 + i, weekly_names[i], 60, "乳幼児と保護者",
                        "hub_staff=1,childcare_volunteer=1", error));
  for (int i = 0; i < N_MONTHLY; i++)
    {
      g_autofree char *req = g_strdup_printf ("hub_staff=1,%s=1",
                                              rk_role_to_token (monthly_defs[i].expert));
      CHECK (add_program (g, P_MONTHLY0 + i, monthly_defs[i].name, 90, "妊婦さん・乳幼児と保護者",
                          req, error));
    }
  for (int i = 0; i < N_SEASON; i++)
    CHECK (add_program (g, P_SEASON0 + i, season_defs[i].name, 120, "乳幼児とご家族",
                        "hub_staff=2,childcare_volunteer=1", error));
  return TRUE;
}

/* ---- staff allocation --------------------------------------------------- */

static gint64
hub_member (Gen *g, int h, int i)
{
  GArray *pool = g->role_staff[RK_ROLE_HUB_STAFF];

  return g_array_index (pool, gint64, (guint) (h * g->hub_per + i % g->hub_per) % pool->len);
}

static gpointer
busy_key (gint64 staff, int weekday, int band, int nth)
{
  return GSIZE_TO_POINTER ((gsize) staff * 1000 + (gsize) weekday * 100 + (gsize) band * 10 +
                           (gsize) nth);
}

/* A weekly duty (nth 0) takes every week of that weekday and band; a monthly
 * one (nth 1..5) only its week. */
static gboolean
slot_free (Gen *g, gint64 staff, int weekday, int band, int nth)
{
  if (g_hash_table_contains (g->busy, busy_key (staff, weekday, band, 0)))
    return FALSE;
  if (nth > 0)
    return !g_hash_table_contains (g->busy, busy_key (staff, weekday, band, nth));
  for (int n = 1; n <= 5; n++)
    if (g_hash_table_contains (g->busy, busy_key (staff, weekday, band, n)))
      return FALSE;
  return TRUE;
}

/* The next person of the role, in rotation, who has no other duty in that
 * slot; when everyone has, the next one anyway, as a stretched coordinator
 * would (check reports the double booking). */
static gint64
pick (Gen *g, RkRole role, int weekday, int band, int nth)
{
  GArray *pool = g->role_staff[role];
  guint *cursor = &g->cursor[role][weekday][band];
  guint chosen = *cursor % MAX (pool->len, 1);
  gint64 id;

  if (pool->len == 0)
    return 0;
  for (guint k = 0; k < pool->len; k++)
    {
      guint i = (*cursor + k) % pool->len;

      if (slot_free (g, g_array_index (pool, gint64, i), weekday, band, nth))
        {
          chosen = i;
          break;
        }
    }
  *cursor = chosen + 1;
  id = g_array_index (pool, gint64, chosen);
  g_hash_table_add (g->busy, busy_key (id, weekday, band, nth));
  return id;
}

/* ---- events ------------------------------------------------------------- */

static gboolean
assign (Gen *g, gint64 event, gint64 staff, RkDay date, GError **error)
{
  /* Nobody is assigned twice (assign_all() and the callers see to it), so
   * the row is the one rk_store_assign() would write. */
  gboolean ok = rk_store_batch_assignment (g->batch, event, staff, date, FALSE, FALSE, error);

  note (g, "assign %" PRId64 " %" PRId64 " %u", event, staff, date);
  if (ok)
    g->stats->assignment_rows++;
  return ok;
}

/* Staff of the whole series; zeros (a role left open) and repeats skipped. */
static gboolean
assign_all (Gen *g, gint64 event, const gint64 *people, guint n, GArray *out, GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean seen = FALSE;

      if (people[i] == 0)
        continue;
      for (guint j = 0; j < i; j++)
        seen = seen || people[j] == people[i];
      if (seen)
        continue;
      if (!assign (g, event, people[i], 0, error))
        return FALSE;
      if (out)
        g_array_append_val (out, people[i]);
    }
  return TRUE;
}

static gint64
add_event (Gen *g, int program, const char *title, RkMinute start, int duration, gint64 room,
           int capacity, const char *rrule, const char *policy, const gint64 *items,
           guint n_items, gboolean tentative, const char *notes, GError **error)
{
  g_autoptr(RkEvent) e = rk_event_new ();
  g_autoptr(GArray) equipment = g_array_new (FALSE, FALSE, sizeof (gint64));
  char s[17], z[17];
  gint64 id;

  for (guint i = 0; i < n_items; i++)
    if (items[i])
      g_array_append_val (equipment, items[i]);
  g_object_set (e, "program-id", g->programs[program], "title", title,
                "start", rk_time_format_buf (start, s),
                "end", rk_time_format_buf (start + duration, z),
                "room-id", room, "capacity", capacity, "rrule", rrule, "on-holiday", policy,
                "tentative", tentative, "notes", notes, NULL);
  id = rk_store_batch_add_event (g->batch, e, equipment, NULL, -1, error);
  note (g, "event %" PRId64 " %d %s %s %s %" PRId64 " %d %s %s %d", id, program,
        title ? title : "", s, z, room, capacity, rrule ? rrule : "", policy ? policy : "",
        tentative);
  if (id && rrule)
    g->stats->series++;
  else if (id)
    g->stats->one_offs++;
  return id;
}

/* A series of the fiscal year: BYDAY as given ("TU,TH" weekly, "2FR"
 * monthly), from the first matching day in April to 31 March. Its dates go
 * to dates (RkDay) for per-occurrence changes. */
static gint64
add_series (Gen *g, int program, const char *byday, gboolean monthly, int start_min,
            gint64 room, int capacity, const char *policy, const gint64 *items, guint n_items,
            GArray *dates, GError **error)
{
  g_autofree char *rrule = g_strdup_printf ("FREQ=%s;BYDAY=%s;UNTIL=%04d0331",
                                            monthly ? "MONTHLY" : "WEEKLY", byday, g->fy + 1);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (RkMinute));

  if (!rk_rrule_expand (rrule, rk_minute_make (g->fy_first, start_min), g->fy_first, g->fy_last,
                        starts, error))
    return 0;
  if (starts->len == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, "%s gives no date", rrule);
      return 0;
    }
  g_array_set_size (dates, 0);
  for (guint i = 0; i < starts->len; i++)
    {
      RkDay d = rk_minute_day (g_array_index (starts, RkMinute, i));
      g_array_append_val (dates, d);
    }
  return add_event (g, program, NULL, g_array_index (starts, RkMinute, 0),
                    g->durations[program], room, capacity, rrule, policy, items, n_items, FALSE,
                    NULL, error);
}

static const char * const weekday_tokens[8] = { NULL, "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

static char *
nth_byday (int nth, int weekday)
{
  return g_strdup_printf ("%d%s", nth, weekday_tokens[weekday]);
}

/* A few occurrences cancelled or moved by hand, as in any real year. */
static gboolean
disturb (Gen *g, gint64 event, GArray *dates, int start_min, int duration, GError **error)
{
  for (guint i = 0; i < dates->len; i++)
    {
      RkDay d = g_array_index (dates, RkDay, i);
      double r = g_rand_double (g->rng);
      gboolean ok = TRUE;

      if (r < 0.006)
        ok = rk_store_batch_exception (g->batch, event, d, RK_EXCEPTION_CANCELLED, 0, 0,
                                     r < 0.003 ? "台風接近のため中止" : "講師都合により中止", error);
      else if (r < 0.010 && rk_day_weekday (d + 1) != 7)
        {
          RkMinute s = rk_minute_make (d + 1, start_min);
          ok = rk_store_batch_exception (g->batch, event, d, RK_EXCEPTION_MOVED, s,
                                         s + duration, "会場の都合により変更", error);
        }
      else
        continue;
      note (g, "exception %" PRId64 " %u %d", event, d, r < 0.006);
      if (!ok)
        return FALSE;
      g->stats->exceptions++;
    }
  return TRUE;
}

static gboolean
contains (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static RkDay
nearest_saturday_before (RkDay d)
{
  while (rk_day_weekday (d) != 6)
    d--;
  return d;
}

static gboolean
hub_year (Gen *g, int h, GError **error)
{
  const Hub *hub = &g_array_index (g->hubs, Hub, h);
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (RkDay));
  g_autoptr(GArray) on = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *volunteers = g->role_staff[RK_ROLE_CHILDCARE_VOLUNTEER];
  int odd = h % 2;
  int wd_a = odd ? 1 : 5;        /* the weekly class: Monday or Friday afternoon */
  int wd_m = odd ? 5 : 1;        /* the health consultation: the other one, mornings */
  gint64 hs0 = hub_member (g, h, 0), hs1 = hub_member (g, h, 1), hs2 = hub_member (g, h, 2);
  gint64 ev;
  int y = g->year_index;

  /* Open play, Tuesdays and Thursdays: the hub's own two staff, now and then
   * a third one standing in or a volunteer helping on the day. */
  {
    const gint64 people[] = { hs0, hs1 };

    CHECK (ev = add_series (g, P_OPEN, "TU,TH", FALSE, H (10, 0), hub->play, 25, "skip", NULL, 0,
                            dates, error));
    g_array_set_size (on, 0);
    if (!assign_all (g, ev, people, G_N_ELEMENTS (people), on, error))
      return FALSE;
    for (guint i = 0; i < dates->len; i++)
      {
        RkDay d = g_array_index (dates, RkDay, i);
        double r = g_rand_double (g->rng);
        gint64 vol = g_array_index (volunteers, gint64,
                                    g_rand_int_range (g->rng, 0, (gint32) volunteers->len));

        if (r < 0.05 && on->len == 2 && !contains (on, hs2))
          {
            /* hs1 is on the whole series: off this one occurrence. */
            gboolean ok = rk_store_batch_assignment (g->batch, ev, hs1, d, FALSE, TRUE, error);
            note (g, "unassign %" PRId64 " %" PRId64 " %u", ev, hs1, d);
            if (!ok)
              return FALSE;
            g->stats->assignment_rows++;
            if (!assign (g, ev, hs2, d, error))
              return FALSE;
          }
        else if (r < 0.33 && !contains (on, vol))
          {
            if (!assign (g, ev, vol, d, error))
              return FALSE;
          }
      }
    CHECK (disturb (g, ev, dates, H (10, 0), g->durations[P_OPEN], error));
  }

  /* Two weekly classes with a volunteer. */
  {
    const gint64 people[] = { hs2, pick (g, RK_ROLE_CHILDCARE_VOLUNTEER, wd_a, PM, 0) };

    CHECK (ev = add_series (g, P_WEEKLY0 + (h + 3 * y) % N_WEEKLY, weekday_tokens[wd_a], FALSE,
                            H (13, 30), hub->play, 20, "skip", NULL, 0, dates, error));
    CHECK (assign_all (g, ev, people, G_N_ELEMENTS (people), NULL, error));
    CHECK (disturb (g, ev, dates, H (13, 30), 60, error));
  }
  {
    int band = odd ? PM : AM;
    const gint64 people[] = { hs2, pick (g, RK_ROLE_CHILDCARE_VOLUNTEER, 3, band, 0) };
    /* Some coordinators have not decided what happens on holidays yet. */
    const char *policy = h % 7 == 3 ? NULL : "skip";

    CHECK (ev = add_series (g, P_WEEKLY0 + (h + 3 * y + 8) % N_WEEKLY, "WE", FALSE,
                            odd ? H (13, 30) : H (10, 30), hub->hall ? hub->hall : hub->play, 20,
                            policy, NULL, 0, dates, error));
    CHECK (assign_all (g, ev, people, G_N_ELEMENTS (people), NULL, error));
    CHECK (disturb (g, ev, dates, odd ? H (13, 30) : H (10, 30), 60, error));
  }

  /* Health consultation and peer support, monthly. One hub in ten has not
   * found its midwife. */
  {
    int nth = 1 + (h / 2) % 4;
    g_autofree char *byday = nth_byday (nth, wd_m);
    const gint64 items[] = { hub->scale };
    const gint64 people[] = {
      hs0, hs1,
      pick (g, RK_ROLE_PUBLIC_HEALTH_NURSE, wd_m, AM, nth),
      pick (g, RK_ROLE_NUTRITIONIST, wd_m, AM, nth),
      h % 10 == 3 ? 0 : pick (g, RK_ROLE_MIDWIFE, wd_m, AM, nth),
      pick (g, RK_ROLE_CHILDCARE_VOLUNTEER, wd_m, AM, nth),
    };

    CHECK (ev = add_series (g, P_HEALTH, byday, TRUE, H (10, 0), hub->play, 20,
                            wd_m == 5 ? "next-day" : "skip", items, G_N_ELEMENTS (items), dates,
                            error));
    CHECK (assign_all (g, ev, people, G_N_ELEMENTS (people), NULL, error));
    CHECK (disturb (g, ev, dates, H (10, 0), g->durations[P_HEALTH], error));
  }

  /* Weaning-food class, monthly on a Wednesday afternoon, in the kitchen. */
  {
    int nth = 1 + (h / 2 + 2) % 4;
    g_autofree char *byday = nth_byday (nth, 3);
    const gint64 people[] = { hs0, pick (g, RK_ROLE_NUTRITIONIST, 3, PM, nth) };

    CHECK (ev = add_series (g, P_WEANING, byday, TRUE, H (13, 30), hub->kitchen, 12, "skip", NULL,
                            0, dates, error));
    CHECK (assign_all (g, ev, people, G_N_ELEMENTS (people), NULL, error));
  }

  /* Twins and triplets circle at one hub in three. */
  if (h % 3 == 0)
    {
      int nth = 1 + (h / 3) % 4;
      g_autofree char *byday = nth_byday (nth, 2);
      const gint64 items[] = { hub->scale, hub->board };
      const gint64 people[] = {
        hs2,
        h % 10 == 7 ? 0 : pick (g, RK_ROLE_PUBLIC_HEALTH_NURSE, 2, PM, nth),
        pick (g, RK_ROLE_MIDWIFE, 2, PM, nth),
        pick (g, RK_ROLE_CHILDCARE_VOLUNTEER, 2, PM, nth),
      };

      CHECK (ev = add_series (g, P_TWINS, byday, TRUE, H (13, 30), hub->play, 15, "skip", items,
                              G_N_ELEMENTS (items), dates, error));
      CHECK (assign_all (g, ev, people, G_N_ELEMENTS (people), NULL, error));
    }

  /* Parents' class, holiday edition, on a Sunday at one hub in four; the
   * baby baths and dolls travel between hubs. */
  if (h % 4 == 1)
    {
      int nth = 1 + (h / 4) % 4;
      const BathSet *set = &g_array_index (g->sets, BathSet, (guint) (h / 16) % g->sets->len);
      g_autofree char *byday = nth_byday (nth, 7);
      const gint64 items[] = { set->dolls, set->bath };
      const gint64 people[] = {
        hs0, hs1,
        pick (g, RK_ROLE_PUBLIC_HEALTH_NURSE, 7, AM, nth),
        pick (g, RK_ROLE_NUTRITIONIST, 7, AM, nth),
        pick (g, RK_ROLE_MIDWIFE, 7, AM, nth),
      };

      CHECK (ev = add_series (g, P_PARENTS, byday, TRUE, H (10, 0), hub->kitchen, 16, "keep",
                              items, G_N_ELEMENTS (items), dates, error));
      CHECK (assign_all (g, ev, people, G_N_ELEMENTS (people), NULL, error));
    }

  /* A monthly consultation with an expert at every other hub. */
  if (h % 2 == 0)
    {
      int k = (h / 2 + y) % N_MONTHLY;
      int nth = 2 + (h / 2) % 2 * 2;
      g_autofree char *byday = nth_byday (nth, 4);
      const gint64 people[] = { hs1, pick (g, monthly_defs[k].expert, 4, PM, nth) };

      CHECK (ev = add_series (g, P_MONTHLY0 + k, byday, TRUE, H (13, 30), hub->consult, 6, "skip",
                              NULL, 0, dates, error));
      CHECK (assign_all (g, ev, people, G_N_ELEMENTS (people), NULL, error));
    }

  /* Seasonal events on Saturdays, six of the eight; some still tentative. */
  {
    int order[N_SEASON];

    for (int i = 0; i < N_SEASON; i++)
      order[i] = i;
    for (int i = N_SEASON - 1; i > 0; i--)
      {
        int j = g_rand_int_range (g->rng, 0, i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    for (int i = 0; i < 6; i++)
      {
        int s = order[i];
        int year = season_defs[s].month >= 4 ? g->fy : g->fy + 1;
        RkDay d = nearest_saturday_before (rk_day_from_ymd (year, season_defs[s].month,
                                                            season_defs[s].day));
        gboolean tentative;
        int nth;

        d -= 7 * g_rand_int_range (g->rng, 0, 2);
        tentative = g_rand_double (g->rng) < 0.2;
        rk_day_to_ymd (d, NULL, NULL, &nth);
        nth = (nth - 1) / 7 + 1;
        {
          const gint64 people[] = {
            hs0, hs1, hs2, pick (g, RK_ROLE_CHILDCARE_VOLUNTEER, 6, AM, nth),
          };

          CHECK (ev = add_event (g, P_SEASON0 + s, NULL, rk_minute_make (d, H (10, 0)), 120,
                                 hub->hall ? hub->hall : hub->play, 30, NULL, "keep", NULL, 0,
                                 tentative, "雨天決行", error));
          CHECK (assign_all (g, ev, people, G_N_ELEMENTS (people), NULL, error));
        }
      }
  }

  /* One maintenance day a year closes the hub. */
  {
    RkDay d = g->fy_first + (RkDay) g_rand_int_range (g->rng, 0, 365);

    while (rk_day_weekday (d) >= 6)
      d++;
    CHECK (add_closing (g, hub->venue, RK_CLOSING_DATE, (int) d, (int) d, 0, "施設点検", error));
  }
  return TRUE;
}

static gboolean
municipality_year (Gen *g, GError **error)
{
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (RkDay));
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  const Centre *main_centre = &g_array_index (g->centres, Centre, 0);
  gint64 ev;

  /* Liaison meetings: monthly per area, third Thursday afternoon. */
  for (guint a = 0; a < g->centres->len; a++)
    {
      const Centre *c = &g_array_index (g->centres, Centre, a);

      g_array_set_size (people, 0);
      for (guint h = 0; h < g->hubs->len; h++)
        if (g_array_index (g->hubs, Hub, h).area == (int) a)
          {
            gint64 id = hub_member (g, (int) h, 0);
            g_array_append_val (people, id);
          }
      {
        gint64 nurse = pick (g, RK_ROLE_PUBLIC_HEALTH_NURSE, 4, PM, 3);
        gint64 other = pick (g, RK_ROLE_OTHER, 4, PM, 3);
        g_array_append_val (people, nurse);
        g_array_append_val (people, other);
      }
      CHECK (ev = add_series (g, P_LIAISON, "3TH", TRUE, H (14, 0), c->meeting, -1, "next-day",
                              NULL, 0, dates, error));
      CHECK (assign_all (g, ev, (gint64 *) people->data, people->len, NULL, error));
    }

  /* Joint training four times a year; the regional council as often. */
  {
    static const int training_months[] = { 6, 9, 11, 2 };
    static const int council_months[] = { 5, 8, 11, 2 };

    for (guint i = 0; i < G_N_ELEMENTS (training_months); i++)
      {
        int m = training_months[i];
        RkDay d = rk_day_from_ymd (m >= 4 ? g->fy : g->fy + 1, m, 8);

        while (rk_day_weekday (d) != 3)
          d++;
        g_array_set_size (people, 0);
        for (guint h = 0; h < g->hubs->len; h++)
          {
            gint64 id = hub_member (g, (int) h, 1);
            g_array_append_val (people, id);
          }
        for (int k = 0; k < 2; k++)
          {
            gint64 nurse = pick (g, RK_ROLE_PUBLIC_HEALTH_NURSE, 3, PM, 2);
            g_array_append_val (people, nurse);
          }
        CHECK (ev = add_event (g, P_TRAINING, "合同研修：妊娠期からの切れ目のない支援",
                               rk_minute_make (d, H (13, 30)), 180, main_centre->training,
                               MIN (60, g->p->hubs + 5), NULL, "next-day", NULL, 0, FALSE,
                               "事例検討", error));
        CHECK (assign_all (g, ev, (gint64 *) people->data, people->len, NULL, error));
      }
    for (guint i = 0; i < G_N_ELEMENTS (council_months); i++)
      {
        int m = council_months[i];
        RkDay d = rk_day_from_ymd (m >= 4 ? g->fy : g->fy + 1, m, 22);

        while (rk_day_weekday (d) != 1)
          d++;
        g_array_set_size (people, 0);
        for (guint h = 0; h < MIN (g->hubs->len, 5u); h++)
          {
            gint64 id = hub_member (g, (int) h, 0);
            g_array_append_val (people, id);
          }
        {
          gint64 a = pick (g, RK_ROLE_OTHER, 1, PM, 4);
          gint64 b = pick (g, RK_ROLE_OTHER, 1, PM, 4);
          gint64 nurse = pick (g, RK_ROLE_PUBLIC_HEALTH_NURSE, 1, PM, 4);
          g_array_append_val (people, a);
          g_array_append_val (people, b);
          g_array_append_val (people, nurse);
        }
        CHECK (ev = add_event (g, P_COUNCIL, NULL, rk_minute_make (d, H (14, 0)), 120,
                               main_centre->meeting, -1, NULL, "next-day", NULL, 0, FALSE, NULL,
                               error));
        CHECK (assign_all (g, ev, (gint64 *) people->data, people->len, NULL, error));
      }
  }
  return TRUE;
}

/* Training days and leave: experts three times a year, others once. */
static gboolean
unavailability_year (Gen *g, GError **error)
{
  for (int r = 0; r < RK_N_ROLES; r++)
    {
      gboolean expert = r == RK_ROLE_PUBLIC_HEALTH_NURSE || r == RK_ROLE_NUTRITIONIST ||
                        r == RK_ROLE_MIDWIFE;

      for (guint i = 0; i < g->role_staff[r]->len; i++)
        for (int k = 0; k < (expert ? 3 : 1); k++)
          {
            gint64 staff = g_array_index (g->role_staff[r], gint64, i);
            RkDay d = g->fy_first + (RkDay) g_rand_int_range (g->rng, 0, 365);
            int days = g_rand_int_range (g->rng, 1, expert ? 4 : 6);
            const char *reason = expert && k == 0 ? "研修" : "休暇";
            RkMinute from = rk_minute_make (d, 0);
            gboolean ok = rk_store_batch_unavailability (g->batch, staff, from,
                                                         from + days * RK_MINUTES_PER_DAY,
                                                         reason, error);

            note (g, "unavailable %" PRId64 " %u %d", staff, d, days);
            if (!ok)
              return FALSE;
            g->stats->unavailable++;
          }
    }
  return TRUE;
}

/* What came to each occurrence of the last fiscal year: a family or two
 * to a few dozen, one in thirty left without a record. Its own random
 * stream, so the schedule is the same with or without it. */
static gboolean
attendance_year (Gen *g, GError **error)
{
  int fy = g->p->first_year + g->p->years - 1;
  RkDay from = rk_day_from_ymd (fy, 4, 1), to = rk_day_from_ymd (fy + 1, 3, 31);
  /* The schedule read back must hold every row kept so far. */
  g_autoptr(RkSchedule) s = rk_store_batch_flush (g->batch, error)
                              ? rk_store_load_schedule (g->store, from, to, error) : NULL;
  g_autoptr(GArray) occs = s ? rk_schedule_expand (s, from, to, error) : NULL;
  g_auto(GStrv) categories = rk_consultation_categories (NULL);
  guint32 seed[2] = { g->p->seed, 1000u + (guint32) fy };
  guint n_categories = g_strv_length (categories);

  if (occs == NULL)
    return FALSE;
  g_rand_set_seed_array (g->rng, seed, 2);
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      g_autoptr(RkAttendance) a = NULL;
      int *c;

      if (!rk_occ_is_active (o) || rk_sevent_venue (o->event) == NULL ||
          g_rand_int_range (g->rng, 0, 30) == 0)
        continue;
      a = rk_attendance_new (o->event->id, o->orig_date);
      c = a->counts;
      c[RK_COUNT_FAMILIES] = g_rand_int_range (g->rng, 1, 25);
      c[RK_COUNT_ADULTS] = c[RK_COUNT_FAMILIES] + g_rand_int_range (g->rng, 0, 5);
      c[RK_COUNT_CHILDREN] = c[RK_COUNT_FAMILIES] + g_rand_int_range (g->rng, 0, 8);
      c[RK_COUNT_PREGNANT] = g_rand_int_range (g->rng, 0, MIN (c[RK_COUNT_ADULTS], 4) + 1);
      c[RK_COUNT_NONRESIDENTS] = g_rand_int_range (g->rng, 0, 3);
      c[RK_COUNT_RESIDENTS] = c[RK_COUNT_ADULTS] + c[RK_COUNT_CHILDREN] - c[RK_COUNT_NONRESIDENTS];
      c[RK_COUNT_FIRST_TIME] = g_rand_int_range (g->rng, 0, 3);
      rk_attendance_set_consultation (a, categories[g_rand_int_range (g->rng, 0, (int) n_categories)],
                                      g_rand_int_range (g->rng, 0, 4), categories);
      note (g, "attendance %" PRId64 " %u %d %d", a->event_id, a->occ_date, c[0], c[1]);
      if (!rk_store_batch_attendance (g->batch, a, error))
        return FALSE;
      g->stats->attendance++;
    }
  return TRUE;
}

static gboolean
generate (Gen *g, GError **error)
{
  g_autofree char *params = rk_gen_params_to_string (g->p);

  if (!add_hubs (g, error) || !add_staff (g, error) || !add_programs (g, error))
    return FALSE;
  for (int y = 0; y < g->p->years; y++)
    {
      guint32 seed[2] = { g->p->seed, (guint32) y };

      /* Each year its own stream: year y is the same whatever --years says. */
      g_rand_set_seed_array (g->rng, seed, 2);
      g->year_index = y;
      g->fy = g->p->first_year + y;
      g->fy_first = rk_day_from_ymd (g->fy, 4, 1);
      g->fy_last = rk_day_from_ymd (g->fy + 1, 3, 31);
      g_hash_table_remove_all (g->busy);
      for (int r = 0; r < RK_N_ROLES; r++)
        for (int w = 0; w < 8; w++)
          for (int b = 0; b < 2; b++)
            g->cursor[r][w][b] = (guint) y * 5;

      for (int h = 0; h < g->p->hubs; h++)
        if (!hub_year (g, h, error))
          return FALSE;
      if (!municipality_year (g, error) || !unavailability_year (g, error))
        return FALSE;
    }
  if (!attendance_year (g, error) || !rk_store_batch_flush (g->batch, error))
    return FALSE;
  return rk_store_set_setting (g->store, "bench_generator", params, error);
}

gboolean
rk_generate (RkStore *store, const RkGenParams *params, RkGenStats *stats, GError **error)
{
  RkGenStats local = { 0 };
  Gen g = { 0 };
  gboolean ok;

  g_return_val_if_fail (RK_IS_STORE (store), FALSE);
  if (params->hubs < 1 || params->years < 1 || params->staff < 1)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The generated municipality needs at least one hub, one staff member and "
                     "one year"));
      return FALSE;
    }

  g.store = store;
  g.p = params;
  g.stats = stats ? stats : &local;
  memset (g.stats, 0, sizeof *g.stats);
  g.sum = g_checksum_new (G_CHECKSUM_SHA256);
  g.rng = g_rand_new_with_seed (params->seed);
  g.hubs = g_array_new (FALSE, TRUE, sizeof (Hub));
  g.hub_names = g_ptr_array_new_with_free_func (g_free);
  g.centres = g_array_new (FALSE, TRUE, sizeof (Centre));
  g.sets = g_array_new (FALSE, TRUE, sizeof (BathSet));
  for (int r = 0; r < RK_N_ROLES; r++)
    g.role_staff[r] = g_array_new (FALSE, FALSE, sizeof (gint64));
  g.busy = g_hash_table_new (g_direct_hash, g_direct_equal);
  g.batch = rk_store_batch_new (store);

  ok = rk_store_begin (store, error);
  if (ok)
    {
      ok = generate (&g, error);
      if (ok)
        ok = rk_store_commit (store, error);
      else
        rk_store_rollback (store);
    }
  g.stats->checksum = g_strdup (g_checksum_get_string (g.sum));

  g_checksum_free (g.sum);
  g_rand_free (g.rng);
  g_array_unref (g.hubs);
  g_ptr_array_unref (g.hub_names);
  g_array_unref (g.centres);
  g_array_unref (g.sets);
  for (int r = 0; r < RK_N_ROLES; r++)
    g_array_unref (g.role_staff[r]);
  g_hash_table_unref (g.busy);
  rk_store_batch_free (g.batch);
  rk_gen_stats_clear (&local);
  return ok;
}

/* ---- summary ------------------------------------------------------------ */

gboolean
rk_gen_summarize (RkStore *store, RkDay from, RkDay to, RkGenSummary *summary, GError **error)
{
  g_autoptr(RkSchedule) schedule = rk_store_load_all (store, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) line = g_string_sized_new (64);

  memset (summary, 0, sizeof *summary);
  if (schedule == NULL)
    return FALSE;
  summary->events = schedule->events->len;
  /* A year at a time: the occurrences of consecutive ranges, each in
   * order, are those of the whole in order, and ten years of a big
   * municipality need not be held at once (half a million occurrences). */
  for (RkDay lo = from; lo <= to;)
    {
      RkDay hi = MIN (rk_day_add_months (lo, 12) - 1, to);
      g_autoptr(GArray) occs = rk_schedule_expand (schedule, lo, hi, error);

      if (occs == NULL)
        return FALSE;
      for (guint i = 0; i < occs->len; i++)
        {
          const RkOcc *o = &g_array_index (occs, RkOcc, i);

          g_string_printf (line, "%" PRId64 " %u %" PRId64 " %" PRId64 " %d", o->event->id,
                           o->orig_date, o->start, o->end, o->status);
          if (rk_occ_is_active (o))
            {
              summary->occurrences++;
              rk_occ_staff (o, ids);
              summary->assignments += ids->len;
              for (guint j = 0; j < ids->len; j++)
                g_string_append_printf (line, " %" PRId64, g_array_index (ids, gint64, j));
            }
          else
            summary->inactive++;
          g_string_append_c (line, '\n');
          g_checksum_update (sum, (const guchar *) line->str, line->len);
        }
      if (hi == to)
        break;
      lo = hi + 1;
    }
  summary->checksum = g_strdup (g_checksum_get_string (sum));
  return TRUE;
}
