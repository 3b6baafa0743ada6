#ifndef DIGESTD_CICU_SHIM_H
#define DIGESTD_CICU_SHIM_H
// The system ICU (Debian libicu-dev); used from C only, by the CICUShim target.
#include <unicode/ures.h>
#include <unicode/ustring.h>
#endif
