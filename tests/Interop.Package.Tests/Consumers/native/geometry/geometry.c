#include "geometry.h"
#include <stdlib.h>
int32_t geometry_distance(point a, point b) { return abs(a.x - b.x) + abs(a.y - b.y); }
int64_t geometry_scale(const point* p, int64_t factor) { return ((int64_t)p->x + p->y) * factor; }
