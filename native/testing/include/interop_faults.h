/**
 * Interop faults: deliberate crashes for crash-isolation tests (process pool, Interop.Testing's death tests).
 *
 * A test-only library, never shipped with the core: each function ends or stalls the calling process on
 * purpose, so tests can prove that a native crash in a worker fails one task and nothing else. Never call
 * them in a process you want to keep.
 */
#ifndef INTEROP_FAULTS_H
#define INTEROP_FAULTS_H

#if defined(_WIN32)
#  define INTEROP_FAULTS_API __declspec(dllexport)
#elif defined(__GNUC__)
#  define INTEROP_FAULTS_API __attribute__((visibility("default")))
#else
#  define INTEROP_FAULTS_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Writes through a NULL pointer: the process dies with SIGSEGV (an access violation on Windows). */
INTEROP_FAULTS_API void interop_crash_null_deref(void);

/** Calls abort(): the process dies with SIGABRT. */
INTEROP_FAULTS_API void interop_crash_abort(void);

/** Calls the C library's exit(code), running atexit handlers, from inside native code. */
INTEROP_FAULTS_API void interop_exit(int code);

/** Busy-spins forever without returning, like native code stuck in a loop. */
INTEROP_FAULTS_API void interop_spin_forever(void);

#ifdef __cplusplus
}
#endif

#endif /* INTEROP_FAULTS_H */
