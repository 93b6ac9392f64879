/* The C core again, bound a second time (class CoreFast) with my_add marked safe for
   [SuppressGCTransition], so the benchmark compares both generated forms side by side. */
#include "../../../native/include/interop_core.h"
