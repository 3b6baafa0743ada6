#ifndef DIGESTD_CUCHARDET_SHIM_H
#define DIGESTD_CUCHARDET_SHIM_H
// uchardet (Debian libuchardet-dev, pkg-config uchardet): Mozilla's universal charset detector
// as a C library. Guesses the encoding of text that carries no BOM and is not UTF-8.
#include <uchardet/uchardet.h>
#endif
