/*
 * fuzz_gamma_gamma_parse.c — libFuzzer harness for the text form of the Gamma-Gamma fit summary (gamma_gamma_state):
 * core/model_state.c with its layout; the properties are in model_state_harness.h.
 */
#include "gamma_gamma.h"

#define FUZZ_NAME "fuzz_gamma_gamma_parse"
#define FUZZ_ENTRY cf_gamma_gamma_entry
#define FUZZ_LAYOUT &cf_gamma_gamma_layout
#define FUZZ_ENTRY_VALID(e) ((e).x >= 1 && (e).m > 0)

#include "model_state_harness.h"
