#ifndef DIGESTD_CSTEMMER_SHIM_H
#define DIGESTD_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
