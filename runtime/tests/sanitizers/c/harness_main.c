/* The sanitized host harness's process: `harness <scenario> <output dir>`.
 * Facts go to standard output as key=value lines, profiles to files in the
 * output directory, sanitizer reports to standard error. */
#include <stdio.h>

#include "harness.h"

static const char *output_dir;

void harness_fact(const char *key, uint64_t value) {
  printf("%s=%llu\n", key, (unsigned long long)value);
}

int harness_save(const char *name, const void *data, size_t len) {
  char path[4096];
  FILE *file;
  size_t written;
  if (snprintf(path, sizeof path, "%s/%s", output_dir, name) >= (int)sizeof path) return -1;
  file = fopen(path, "wb");
  if (!file) return -1;
  written = fwrite(data, 1, len, file);
  return fclose(file) == 0 && written == len ? 0 : -1;
}

int main(int argc, char **argv) {
  int status;
  if (argc != 3) {
    fprintf(stderr, "usage: %s <scenario> <output dir>\n", argv[0]);
    return 2;
  }
  output_dir = argv[2];
  status = harness_run(argv[1]);
  if (status == 2) fprintf(stderr, "no scenario called %s in this harness\n", argv[1]);
  fflush(stdout);
  return status;
}
