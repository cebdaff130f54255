/*
 * fuzz_gamma_gamma_binary.c — libFuzzer harness for the binary input of the
 * Gamma-Gamma fit summary (gamma_gamma_state): cf_model_state_validate with its
 * layout; the properties are in model_state_binary_harness.h.
 */
#include "gamma_gamma.h"

#define FUZZ_NAME "fuzz_gamma_gamma_binary"
#define FUZZ_ENTRY cf_gamma_gamma_entry
#define FUZZ_LAYOUT (&cf_gamma_gamma_layout)
#define FUZZ_ENTRY_VALID(e) ((e).x >= 1 && (e).m > 0)

#include "model_state_binary_harness.h"
