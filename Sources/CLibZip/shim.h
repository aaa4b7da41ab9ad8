#ifndef SHABLON_CLIBZIP_SHIM_H
#define SHABLON_CLIBZIP_SHIM_H
#include <zip.h>
#include <zlib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Deflate with a stream kept between entries (zlib, the library libzip itself deflates with).
   libzip sets up a new deflate stream for every entry it compresses: some 300 KiB allocated and freed
   per document part, which glibc hands back to the system and takes again, page fault by page fault.
   A kept stream is reset instead. */

/* A raw-deflate stream (no zlib header, as zip wants it) at `level`; NULL when out of memory. */
static inline z_stream *shablon_deflate_new(int level) {
    z_stream *s = (z_stream *)calloc(1, sizeof *s);
    if (!s) return NULL;
    if (deflateInit2(s, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(s);
        return NULL;
    }
    return s;
}

static inline void shablon_deflate_free(z_stream *s) {
    deflateEnd(s);
    free(s);
}

/* Deflates `len` bytes into a new malloc'ed buffer (its length in *out_len); NULL on failure. */
static inline unsigned char *shablon_deflate(z_stream *s, const unsigned char *in, size_t len, size_t *out_len) {
    if (len > UINT32_MAX || deflateReset(s) != Z_OK) return NULL;
    uLong bound = deflateBound(s, (uLong)len);
    unsigned char *out = (unsigned char *)malloc(bound ? bound : 1);
    if (!out) return NULL;
    s->next_in = (Bytef *)in;
    s->avail_in = (uInt)len;
    s->next_out = out;
    s->avail_out = (uInt)bound;
    if (deflate(s, Z_FINISH) != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    *out_len = (size_t)(bound - s->avail_out);
    return out;
}

/* Deflated data handed to libzip as a source whose stat says "deflate, this size, this CRC": libzip
   then writes it as it is, as it does for the still-compressed entries of another archive. */
typedef struct {
    unsigned char *data;
    zip_uint64_t compressed;
    zip_uint64_t size;
    zip_uint32_t crc;
    zip_uint64_t offset;
    zip_error_t error;
} shablon_deflated;

static inline zip_int64_t shablon_deflated_callback(void *userdata, void *data, zip_uint64_t len, zip_source_cmd_t cmd) {
    shablon_deflated *d = (shablon_deflated *)userdata;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        d->offset = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        zip_uint64_t n = d->compressed - d->offset;
        if (n > len) n = len;
        if (n > 0) memcpy(data, d->data + d->offset, (size_t)n);
        d->offset += n;
        return (zip_int64_t)n;
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &d->error);
        if (!st) return -1;
        zip_stat_init(st);
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
        st->size = d->size;
        st->comp_size = d->compressed;
        st->comp_method = ZIP_CM_DEFLATE;
        st->crc = d->crc;
        return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&d->error, data, len);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&d->error);
        free(d->data);
        free(d);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_OPEN) | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_READ)
            | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_CLOSE) | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_STAT)
            | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_ERROR) | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_FREE)
            | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_SUPPORTS);
    default:
        zip_error_set(&d->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

/* A source of deflated data (`data` malloc'ed; the source frees it, also when this fails). */
static inline zip_source_t *shablon_deflated_source(zip_t *za, unsigned char *data, zip_uint64_t compressed,
                                                    zip_uint64_t size, zip_uint32_t crc) {
    shablon_deflated *d = (shablon_deflated *)calloc(1, sizeof *d);
    if (!d) {
        free(data);
        return NULL;
    }
    d->data = data;
    d->compressed = compressed;
    d->size = size;
    d->crc = crc;
    zip_error_init(&d->error);
    zip_source_t *src = zip_source_function(za, shablon_deflated_callback, d);
    if (!src) {
        zip_error_fini(&d->error);
        free(d->data);
        free(d);
    }
    return src;
}
#endif
