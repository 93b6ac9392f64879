/* Links the shared library: fails to link if any public function is not exported. */
#include <stdio.h>
#include <string.h>

#include "interop_core.h"

int main(void)
{
    interop_line_stats stats;
    const char* text = "a\nb a\nc";
    int ok = my_add(10, 20) == 30
          && interop_text_length("h\xc3\xa9llo") == 6 && interop_text_length(NULL) == 0
          && interop_crc32c(INTEROP_CRC32C_INIT, (const uint8_t*)"123456789", 9) == 0xE3069283u
          && interop_count_lines((const uint8_t*)text, strlen(text)) == 3
          && interop_count_lines_containing((const uint8_t*)text, strlen(text), (const uint8_t*)"a", 1) == 2
          && interop_scan_lines((const uint8_t*)text, strlen(text), (const uint8_t*)"a", 1, &stats) == 0
          && stats.lines == 3 && stats.matches == 2 && stats.bytes == 7
          && INTEROP_CORE_VERSION_MAJOR == 0 && INTEROP_CORE_VERSION_MINOR == 1;
    printf("%s\n", ok ? "PASS shared_library_exports" : "FAIL shared_library_exports");
    return ok ? 0 : 1;
}
