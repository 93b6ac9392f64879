/* The deliberate faults really end the process the way their names say: each runs in a forked child. */
#include "interop_faults.h"

#include <stdio.h>
#include <string.h>

#if defined(_WIN32)

int main(void)
{
    printf("SKIP crash tests (no fork on Windows)\n");
    return 77;
}

#else

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* Sanitizers catch a NULL store themselves and exit or abort, so only "died abnormally" can be asserted there. */
#if defined(__SANITIZE_ADDRESS__)
#  define INTEROP_SANITIZED 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#    define INTEROP_SANITIZED 1
#  endif
#endif
#ifndef INTEROP_SANITIZED
#  define INTEROP_SANITIZED 0
#endif

static int exit_code_arg;

static void call_exit(void)
{
    interop_exit(exit_code_arg);
}

/* Runs fault in a child and returns its wait status, or -1 if fork/wait failed. */
static int run_in_child(void (*fault)(void), unsigned timeout_seconds)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        return -1;
    }
    if (pid == 0) {
        alarm(timeout_seconds); /* a fault that fails to fault must not hang CTest */
        fault();
        _exit(0);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) {
        return -1;
    }
    return status;
}

static int test_null_deref(void)
{
    int status = run_in_child(interop_crash_null_deref, 10);
    if (status == -1) {
        return 1;
    }
    if (INTEROP_SANITIZED) {
        return (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0)) ? 0 : 1;
    }
    return WIFSIGNALED(status) && (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGBUS) ? 0 : 1;
}

static int test_abort(void)
{
    int status = run_in_child(interop_crash_abort, 10);
    return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT ? 0 : 1;
}

static int test_exit_code(void)
{
    exit_code_arg = 42;
    int status = run_in_child(call_exit, 10);
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 42 ? 0 : 1;
}

static int test_spin_forever(void)
{
    /* Still running after a second means it spins; SIGALRM then ends it. */
    int status = run_in_child(interop_spin_forever, 1);
    return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM ? 0 : 1;
}

static const struct {
    const char* name;
    int (*run)(void);
} cases[] = {
    {"crash_null_deref", test_null_deref},
    {"crash_abort", test_abort},
    {"crash_exit_code", test_exit_code},
    {"crash_spin_forever", test_spin_forever},
};

int main(int argc, char** argv)
{
    int failures = 0;
    int ran = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (argc > 1 && strcmp(argv[1], cases[i].name) != 0) {
            continue;
        }
        ran++;
        int rc = cases[i].run();
        printf("%s %s\n", rc == 0 ? "PASS" : "FAIL", cases[i].name);
        failures += rc != 0;
    }
    if (ran == 0) {
        fprintf(stderr, "unknown test case: %s\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    return failures == 0 ? 0 : 1;
}

#endif
