/* The LLVM raw profile (.profraw) layout for the raw version this runtime is
 * built for: header fields, per-function data records, value-profile records.
 * Select the version with -DMINICOV_RAW_VERSION=8|9|10
 * (LLVM 14-17 write 8, LLVM 18 writes 9, LLVM 19-22 write 10). */
#ifndef MINICOV_RAW_FORMAT_H
#define MINICOV_RAW_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#ifndef MINICOV_RAW_VERSION
#error "minicov: define MINICOV_RAW_VERSION (8 for LLVM 14-17, 9 for LLVM 18, 10 for LLVM 19-22)"
#endif
#if MINICOV_RAW_VERSION != 8 && MINICOV_RAW_VERSION != 9 && MINICOV_RAW_VERSION != 10
#error                                                                                             \
    "minicov: unsupported MINICOV_RAW_VERSION; supported raw versions are 8, 9 and 10 (LLVM 14-22)"
#endif

/* "\xfflprofr\x81" for 64-bit programs, "\xfflprofR\x81" for 32-bit ones. */
#define MINICOV_MAGIC_64 0xff6c70726f667281ULL
#define MINICOV_MAGIC_32 0xff6c70726f665281ULL
#if __SIZEOF_POINTER__ == 8
#define MINICOV_MAGIC MINICOV_MAGIC_64
#elif __SIZEOF_POINTER__ == 4
#define MINICOV_MAGIC MINICOV_MAGIC_32
#else
#error "minicov: only 32-bit and 64-bit targets are supported"
#endif

/* The low 32 bits of the version word hold the version; the high bits carry
 * variant flags (IR-level PGO, single-byte counters, ...). */
#define MINICOV_VERSION_MASK 0x00000000ffffffffULL
#define MINICOV_VARIANT_BYTE_COVERAGE (1ULL << 60)

/* Value kinds: indirect-call targets and memop sizes; v10 adds vtables. */
#if MINICOV_RAW_VERSION >= 10
#define MINICOV_VALUE_KINDS 3
#else
#define MINICOV_VALUE_KINDS 2
#endif

/* File header, written once at the start of the profile. */
struct minicov_raw_header {
  uint64_t magic;
  uint64_t version;
  uint64_t binary_ids_size;
  uint64_t num_data;
  uint64_t padding_before_counters;
  uint64_t num_counters;
  uint64_t padding_after_counters;
#if MINICOV_RAW_VERSION >= 9
  uint64_t num_bitmap_bytes;
  uint64_t padding_after_bitmap;
#endif
  uint64_t names_size;
  uint64_t counters_delta;
#if MINICOV_RAW_VERSION >= 9
  uint64_t bitmap_delta;
#endif
  uint64_t names_delta;
#if MINICOV_RAW_VERSION >= 10
  uint64_t num_vtables;
  uint64_t vnames_size;
#endif
  uint64_t value_kind_last;
};

/* One per instrumented function, emitted by the compiler in __llvm_prf_data. */
struct minicov_data_record {
  uint64_t name_ref;
  uint64_t func_hash;
  intptr_t counter_ptr; /* counters address minus this record's address */
#if MINICOV_RAW_VERSION >= 9
  intptr_t bitmap_ptr; /* bitmap address minus this record's address */
#endif
  const void *function_pointer;
  void *values;
  uint32_t num_counters;
  uint16_t num_value_sites[MINICOV_VALUE_KINDS];
#if MINICOV_RAW_VERSION >= 9
  uint32_t num_bitmap_bytes;
#endif
};

#if __SIZEOF_POINTER__ == 8 && defined(__x86_64__)
_Static_assert(sizeof(struct minicov_data_record) == (MINICOV_RAW_VERSION == 8 ? 48 : 64),
               "data record size differs from LLVM's");
#endif
#if __SIZEOF_POINTER__ == 4 && defined(__arm__)
_Static_assert(sizeof(struct minicov_data_record) == (MINICOV_RAW_VERSION == 8 ? 40 : 48),
               "data record size differs from LLVM's");
#endif

/* Most values kept per value site, as LLVM's own runtime does by default. */
#ifndef MINICOV_VP_MAX_VALUES_PER_SITE
#define MINICOV_VP_MAX_VALUES_PER_SITE 24
#endif

/* Rounds a byte count up to the 8-byte alignment every section ends on. */
static inline uint64_t minicov_padding8(uint64_t size) { return (8 - (size & 7)) & 7; }

#endif /* MINICOV_RAW_FORMAT_H */
