#ifndef VNETDIAG_CPCRE2_SHIM_H
#define VNETDIAG_CPCRE2_SHIM_H
// 8-bit code units: every pattern and subject is raw bytes.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
