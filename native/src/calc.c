#include <string.h>

#include "interop_core.h"

int my_add(int x, int y)
{
    return x + y;
}

size_t interop_text_length(const char* text)
{
    return text == NULL ? 0 : strlen(text);
}
