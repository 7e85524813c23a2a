#pragma once

#include "rk-staff.h"
#include "rk-venue.h"
#include "rk-room.h"
#include "rk-equipment.h"
#include "rk-program.h"
#include "rk-event.h"
#include "rk-occurrence.h"
#include "rk-assignment.h"
#include "rk-problem.h"
