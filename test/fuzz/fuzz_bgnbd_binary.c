/*
 * fuzz_bgnbd_binary.c — libFuzzer harness for the binary input of the BG/NBD
 * fit summary (bgnbd_state): cf_model_state_validate with its layout; the
 * properties are in model_state_binary_harness.h.
 */
#include "bgnbd.h"

#define FUZZ_NAME "fuzz_bgnbd_binary"
#define FUZZ_ENTRY cf_bgnbd_entry
#define FUZZ_LAYOUT (&cf_bgnbd_layout)
#define FUZZ_ENTRY_VALID(e) ((e).x >= 0)

#include "model_state_binary_harness.h"
