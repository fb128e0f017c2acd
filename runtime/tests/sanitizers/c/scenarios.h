/* The C harness's scenarios, each returning the process exit status. */
#ifndef SANITIZER_SCENARIOS_H
#define SANITIZER_SCENARIOS_H

int fail_every_call(void);
int capture_twice(void);
int capture_after_reset(void);
int buffer_one_short(void);
int pool_every_room(void);
int pool_too_small(void);
int canary_heap_overflow(void);
int canary_signed_overflow(void);

#endif /* SANITIZER_SCENARIOS_H */
