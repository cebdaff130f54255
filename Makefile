# customer_focus — PGXS build
EXTENSION   = customer_focus
EXTVERSION  = 1.1
MODULE_big  = customer_focus
PGFILEDESC  = "customer_focus - customer-focus metrics in SQL"

# Glue (src/*.c) and the pure C core (src/core/*.c, no PostgreSQL headers).
CORE_SRCS   = $(sort $(wildcard src/core/*.c))
GLUE_SRCS   = $(sort $(wildcard src/*.c))
OBJS        = $(GLUE_SRCS:.c=.o) $(CORE_SRCS:.c=.o)
PG_CPPFLAGS = -I$(srcdir)/src -I$(srcdir)/src/core
SHLIB_LINK  = -lm

# The install script of the current version is built from the pieces in
# src/sql/, in name order.  Released versions' install scripts are frozen in
# src/sql/released/ (never edited again) and the update scripts between
# versions live in src/sql/updates/; both are installed as they are.
SQL_PIECES  = $(sort $(wildcard src/sql/[0-9]*.sql))
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(sort $(wildcard src/sql/released/$(EXTENSION)--*.sql)) \
              $(sort $(wildcard src/sql/updates/$(EXTENSION)--*--*.sql))

# Every sql/*.sql is a regression test; the extension is created once per run.
REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=$(EXTENSION)
EXTRA_CLEAN  = $(UNIT_BINS) results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: every object is rebuilt when a header changes
# (a stale object against a changed inline function or struct links or runs wrong).
$(OBJS): $(wildcard src/*.h src/core/*.h)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PIECES)
	cat $^ > $@

# C unit tests of the core: no server, no PostgreSQL headers.
UNIT_SRCS = $(sort $(wildcard test/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:.c=)
UNIT_CFLAGS ?= -O2 -g -Wall -Wextra -Wno-unused-parameter -std=gnu11
UNIT_RUNNER ?=

test/unit/test_%: test/unit/test_%.c $(CORE_SRCS) $(wildcard src/core/*.h) test/unit/unit.h
	$(CC) $(UNIT_CFLAGS) -Isrc/core -Itest/unit -o $@ $< $(CORE_SRCS) -lm

.PHONY: unittest
unittest: $(UNIT_BINS)
	@status=0; for t in $(UNIT_BINS); do $(UNIT_RUNNER) ./$$t || status=1; done; exit $$status
