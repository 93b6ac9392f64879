/* A header whose API is static inline functions over a struct: nothing to link, everything to call. */
#ifndef VECTORS_H
#define VECTORS_H
typedef struct vec2 { int x; int y; } vec2;
static inline int vec2_dot(vec2 a, vec2 b) { return a.x * b.x + a.y * b.y; }
static inline vec2 vec2_scale(vec2 v, int k) { vec2 r = { v.x * k, v.y * k }; return r; }
static inline void vec2_add_into(vec2 *acc, const vec2 *v) { acc->x += v->x; acc->y += v->y; }
#ifdef VECTORS_WITH_CROSS
static inline int vec2_cross(vec2 a, vec2 b) { return a.x * b.y - a.y * b.x; }
#endif
/* A macro only the C compiler can expand (a GNU statement expression): the shim wraps it. */
#define VEC_MAX_OF(a, b) ({ int _a = (a), _b = (b); _a > _b ? _a : _b; })
#endif
