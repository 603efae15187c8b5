#ifndef FOLIO_CZLIB_SHIM_H
#define FOLIO_CZLIB_SHIM_H

/* zlib's deflate, for the health history's frames (FolioStore/Health/Deflate.swift). */
#include <zlib.h>

#endif
