/* Per-function value sites: for each data record that has recorded a value,
 * one linked list of (value, count) nodes per value site, kept in the pool. */
#ifndef MINICOV_VALUE_SITES_H
#define MINICOV_VALUE_SITES_H

#include "raw_format.h"

/* One recorded value at a site. */
struct minicov_value_node {
  uint64_t value;
  uint64_t count;
  struct minicov_value_node *next;
};

/* The value sites of one function, every kind's sites one after another. */
struct minicov_value_function {
  const struct minicov_data_record *data;
  struct minicov_value_function *next;
  struct minicov_value_node *sites[];
};

/* Total number of value sites of a function, over all kinds. */
uint32_t minicov_total_sites(const struct minicov_data_record *d);

/* The site table of `d`, or NULL if it has recorded nothing yet. */
struct minicov_value_function *minicov_find_function(const struct minicov_data_record *d);

/* The site table of `d`, created on first use; NULL when the pool is full. */
struct minicov_value_function *minicov_find_or_add_function(const struct minicov_data_record *d);

/* Forgets every site table. */
void minicov_clear_functions(void);

#endif /* MINICOV_VALUE_SITES_H */
