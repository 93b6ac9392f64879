#ifndef GEOMETRY_H
#define GEOMETRY_H
#include <stdint.h>
#define GEOMETRY_VERSION 3
typedef struct point { int32_t x; int32_t y; } point;
/** Manhattan distance between two points. */
int32_t geometry_distance(point a, point b);
int64_t geometry_scale(const point* p, int64_t factor);
#endif
