/* Deliberate faults for crash-isolation tests: see interop_faults.h. */
#include "interop_faults.h"

#include <stdint.h>
#include <stdlib.h>

void interop_crash_null_deref(void)
{
    /* volatile on both the pointer and the pointee: the compiler may neither prove the store
       undefined and replace it with a trap instruction (SIGILL) nor drop it. */
    volatile int* volatile target = NULL;
    *target = 42;
}

void interop_crash_abort(void)
{
    abort();
}

void interop_exit(int code)
{
    exit(code);
}

void interop_spin_forever(void)
{
    volatile uint64_t spins = 0;
    for (;;) {
        spins = spins + 1;
    }
}
