#ifndef VNETDIAG_CZLIB_SHIM_H
#define VNETDIAG_CZLIB_SHIM_H
#include <zlib.h>
// inflateInit2 is a macro; Swift cannot call it, so wrap it.
static inline int vnetdiag_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);  // 32: detect gzip or zlib header automatically
}
// Raw deflate (zip entries): no header, no checksum.
static inline int vnetdiag_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}
// Gzip output (collect --output x.tar.gz).
static inline int vnetdiag_deflate_init_gzip(z_stream *stream) {
    return deflateInit2(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
