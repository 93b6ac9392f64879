#ifndef FAULTS_H
#define FAULTS_H
/** Returns a + b. */
int faults_add(int a, int b);
/** Writes through a null pointer: SIGSEGV. */
void faults_segfault(void);
/** Prints a message to stderr and aborts: SIGABRT. */
void faults_abort(const char* message);
#endif
