#include "cicu_shim.h"
#include <unicode/ures.h>
#include <unicode/ustring.h>

/// Writes the CLDR sentence-break suppressions of `locale` (ICU data "brkitr/<locale>",
/// exceptions/SentenceBreak) to `out` as UTF-8, one entry per line. Returns the number of
/// bytes written, 0 when the locale has no such data, -1 when `capacity` is too small.
int32_t digestd_icu_sentence_suppressions(const char *locale, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle *bundle = ures_openDirect(U_ICUDATA_NAME "-brkitr", locale, &status);
    if (U_FAILURE(status)) return 0;
    UResourceBundle *exceptions = ures_getByKey(bundle, "exceptions", NULL, &status);
    UResourceBundle *list = U_SUCCESS(status) ? ures_getByKey(exceptions, "SentenceBreak", NULL, &status) : NULL;
    int32_t written = 0;
    if (U_SUCCESS(status) && list != NULL) {
        int32_t size = ures_getSize(list);
        for (int32_t i = 0; i < size && written >= 0; i++) {
            int32_t length = 0;
            UErrorCode entryStatus = U_ZERO_ERROR;
            const UChar *entry = ures_getStringByIndex(list, i, &length, &entryStatus);
            if (U_FAILURE(entryStatus)) continue;
            int32_t needed = 0;
            UErrorCode convertStatus = U_ZERO_ERROR;
            u_strToUTF8(out + written, capacity - written - 1, &needed, entry, length, &convertStatus);
            if (U_FAILURE(convertStatus) || written + needed + 1 > capacity) { written = -1; break; }
            written += needed;
            out[written++] = '\n';
        }
    }
    if (list) ures_close(list);
    if (exceptions) ures_close(exceptions);
    ures_close(bundle);
    return written;
}

