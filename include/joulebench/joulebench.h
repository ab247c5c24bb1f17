#pragma once
// Everything a benchmark program needs to be measured by joulebench.

#include "joulebench/energy.h"  // IWYU pragma: export
#include "joulebench/main.h"    // IWYU pragma: export
