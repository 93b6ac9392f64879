#include "faults.h"
#include <stdio.h>
#include <stdlib.h>
int faults_add(int a, int b) { return a + b; }
void faults_segfault(void) { volatile int* p = NULL; *p = 42; }
void faults_abort(const char* message) { fprintf(stderr, "%s\n", message); fflush(stderr); abort(); }
