/* config.c — the names of the settings' enumerations (display units, text
 * encodings). The config itself is plain data (config.h); it is filled by
 * run/config_ini.c and read by every layer. */
#include "config.h"

int64_t unit_divisor(display_unit u)
{
    static const int64_t div[] = {1, 1000, 1000000, 100000000};
    return u >= UNIT_WON && u <= UNIT_HUNDRED_MILLION ? div[u] : 1;
}

const char *unit_label(display_unit u)
{
    static const char *const label[] = {"원", "천원", "백만원", "억원"};
    return u >= UNIT_WON && u <= UNIT_HUNDRED_MILLION ? label[u] : "원";
}

const char *encoding_name(text_encoding e)
{
    switch (e) {
    case ENC_AUTO: return "auto";
    case ENC_UTF8: return "UTF-8";
    case ENC_UTF8_BOM: return "UTF-8 (BOM)";
    case ENC_CP949: return "CP949";
    case ENC_UTF16LE: return "UTF-16LE";
    case ENC_UTF16BE: return "UTF-16BE";
    }
    return "?";
}
