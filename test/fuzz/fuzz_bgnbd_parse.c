/*
 * fuzz_bgnbd_parse.c — libFuzzer harness for the text form of the BG/NBD fit summary (bgnbd_state):
 * core/model_state.c with its layout; the properties are in model_state_harness.h.
 */
#include "bgnbd.h"

#define FUZZ_NAME "fuzz_bgnbd_parse"
#define FUZZ_ENTRY cf_bgnbd_entry
#define FUZZ_LAYOUT &cf_bgnbd_layout
#define FUZZ_ENTRY_VALID(e) ((e).x >= 0)

#include "model_state_harness.h"
