/* hpdf_public.h — libharu as every PDF module but hpdf_private.c sees it.
 *
 * With HPDF_SHARED defined, <hpdf.h> declares libharu's objects as opaque
 * handles (the way libharu presents itself to users of its shared library),
 * so only the public API can be used: a field of a libharu structure
 * cannot be reached by mistake. What needs more goes through
 * hpdf_private.h. */
#ifndef SMR_HPDF_PUBLIC_H
#define SMR_HPDF_PUBLIC_H

#ifdef SMR_HPDF_PRIVATE_IMPL
#error "hpdf_private.c sees libharu's internals and must not include hpdf_public.h"
#endif
#define HPDF_SHARED
#include <hpdf.h>

#endif
