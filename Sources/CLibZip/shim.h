#ifndef SHABLON_CLIBZIP_SHIM_H
#define SHABLON_CLIBZIP_SHIM_H
#include <zip.h>
#endif
