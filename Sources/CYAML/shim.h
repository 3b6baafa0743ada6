#ifndef DIGESTD_CYAML_SHIM_H
#define DIGESTD_CYAML_SHIM_H
// libyaml (Debian libyaml-dev, pkg-config yaml-0.1): the YAML 1.1 reference parser in C. Used
// through its event API to read a Markdown note's front matter.
#include <yaml.h>
#endif
