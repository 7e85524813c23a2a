#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-error.h"

G_DEFINE_QUARK (rk-error-quark, rk_error)
