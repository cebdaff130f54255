# customer_focus — PGXS build
EXTENSION   = customer_focus
MODULE_big  = customer_focus
PGFILEDESC  = "customer_focus - customer-focus metrics in SQL"

# The source tree: this Makefile's folder, or VPATH for an out-of-tree build
# (make -f <tree>/Makefile VPATH=<tree> USE_PGXS=1, as pg_buildext does).  All
# file lists below are found there and named relative to it, so objects and
# generated files go to the build folder.
cf_srcdir  := $(patsubst %/,%,$(or $(firstword $(VPATH)),$(dir $(firstword $(MAKEFILE_LIST)))))
cf_find     = $(patsubst $(cf_srcdir)/%,%,$(sort $(wildcard $(addprefix $(cf_srcdir)/,$(1)))))

# Glue (src/*.c) and the pure C core (src/core/*.c, no PostgreSQL headers).
CORE_SRCS   = $(call cf_find,src/core/*.c)
GLUE_SRCS   = $(call cf_find,src/*.c)
OBJS        = $(GLUE_SRCS:.c=.o) $(CORE_SRCS:.c=.o)
PG_CPPFLAGS = -I$(cf_srcdir)/src -I$(cf_srcdir)/src/core
SHLIB_LINK  = -lm
ifeq ($(strip $(GLUE_SRCS)),)
$(error no sources in $(cf_srcdir)/src: for an out-of-tree build give VPATH=<source tree>)
endif
ifneq ($(cf_srcdir),.)
$(shell mkdir -p src/core test/unit)
endif

# One source of truth for the version: default_version in the control file.
# Extension 1.1 = PGXN/SemVer 1.1.0 (META.json, `make dist`) = Debian 1.1.0-1
# (debian/changelog); test/scripts/release.sh checks that they agree.
EXTVERSION  := $(shell sed -nE "s/^default_version *= *'([^']+)'.*/\1/p" $(cf_srcdir)/$(EXTENSION).control)
$(if $(EXTVERSION),,$(error no default_version in $(cf_srcdir)/$(EXTENSION).control))
PGXNVERSION  = $(EXTVERSION)$(if $(word 3,$(subst ., ,$(EXTVERSION))),,.0)

# The install script of the current version is built from the pieces in
# src/sql/, in name order.  Released versions' install scripts are frozen in
# src/sql/released/ (never edited again) and the update scripts between
# versions live in src/sql/updates/; both are installed as they are.
SQL_PIECES  = $(addprefix $(cf_srcdir)/,$(call cf_find,src/sql/[0-9]*.sql))
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(call cf_find,src/sql/released/$(EXTENSION)--*.sql) \
              $(call cf_find,src/sql/updates/$(EXTENSION)--*--*.sql)

# The regression tests (sql/<name>.sql, expected/<name>.out), in the order they
# run, by layer.  Every sql/*.sql is listed exactly once: `make regress-list`
# checks it (installcheck and check-fast run it first).  The extension is
# created once per run (--load-extension); the tests share that database.
REGRESS = \
	extension_schema settings zones \
	nps nps_trend nps_weighted customer_profile loyalty_stage rfm lost_value loyalty_ladder cohort stage_migration service_level response_time ipa complaint driver bgnbd bgnbd_churn mbgnbd pnbd pnbd_churn model_parameters clv holdout segment_summary \
	released_text_forms \
	hash_grouping citus_conditions \
	hardening_nps hardening_nps_weighted hardening_chart hardening_customer_profile hardening_loyalty_stage hardening_rfm \
	hardening_lost_value hardening_loyalty_ladder hardening_cohort hardening_stage_migration \
	hardening_service_level hardening_response_time hardening_ipa hardening_complaint hardening_bgnbd hardening_mbgnbd hardening_pnbd hardening_model_parameters hardening_holdout \
	hardening_segment_summary hardening_driver hardening_coverage \
	deprecated_names security
# layers: the installed objects and settings | one test per concept (in the
# order of the src/sql pieces) | plans and distributed conditions | bad input
# per concept (hardening) | catalogue rules over everything installed.
REGRESS_FILES = $(basename $(notdir $(call cf_find,sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION)
EXTRA_CLEAN  = $(UNIT_BINS) test/unit/core results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Only sources are looked up in the source tree.  With make's general VPATH
# (set by VPATH=<tree> or by PGXS for -f <tree>/Makefile), an out-of-tree build
# would take an in-tree build's objects, library and install script as its own.
override VPATH :=
override srcdir := $(cf_srcdir)
vpath %.c $(cf_srcdir)
vpath %.h $(cf_srcdir)
vpath %.control $(cf_srcdir)

# Supported majors: 15 to 18 (src/cf_compat.h holds their differences).
ifeq ($(shell test "$(firstword $(subst ., ,$(MAJORVERSION)))" -ge 15 2>/dev/null || echo old),old)
$(error customer_focus supports PostgreSQL 15 to 18, but $(PG_CONFIG) is PostgreSQL $(VERSION); set PG_CONFIG to the pg_config of a supported major)
endif

# PGXS tracks no header dependencies: every object is rebuilt when a header changes
# (a stale object against a changed inline function or struct links or runs wrong).
$(OBJS): $(wildcard $(cf_srcdir)/src/*.h $(cf_srcdir)/src/core/*.h)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PIECES)
	cat $^ > $@

# Every sql/*.sql in REGRESS exactly once, and nothing else.  A REGRESS given
# on the command line (make installcheck REGRESS="nps profile", a targeted run)
# need only name existing tests.
.PHONY: regress-list print-regress
regress-list:
	@missing='$(if $(filter command line,$(origin REGRESS)),,$(filter-out $(REGRESS),$(REGRESS_FILES)))'; \
	unknown='$(filter-out $(REGRESS_FILES),$(REGRESS))'; \
	twice=$$(printf '%s\n' $(REGRESS) | sort | uniq -d | tr '\n' ' '); \
	[ -z "$$missing" ] || echo "REGRESS (Makefile) lacks sql/*.sql tests: $$missing" >&2; \
	[ -z "$$unknown" ] || echo "REGRESS (Makefile) names tests without a sql/<name>.sql: $$unknown" >&2; \
	[ -z "$$twice" ] || echo "REGRESS (Makefile) names tests twice: $$twice" >&2; \
	[ -z "$$missing$$unknown$$twice" ]
installcheck: regress-list

# The regression tests in order, one a line (test/run.sh counts them).
print-regress:
	@printf '%s\n' $(REGRESS)

# C unit tests of the core: no server, no PostgreSQL headers.  The core is
# compiled once for them (test/unit/core/*.o, without the module's -fPIC and
# PostgreSQL flags) and every test links those objects.
UNIT_SRCS = $(call cf_find,test/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:.c=)
UNIT_CORE_OBJS = $(patsubst src/core/%.c,test/unit/core/%.o,$(CORE_SRCS))
UNIT_CFLAGS ?= -O2 -g -Wall -Wextra -Wno-unused-parameter -std=gnu11
UNIT_RUNNER ?=

test/unit/core/%.o: src/core/%.c $(wildcard $(cf_srcdir)/src/core/*.h)
	@mkdir -p test/unit/core
	$(CC) $(UNIT_CFLAGS) -I$(cf_srcdir)/src/core -c -o $@ $<

test/unit/test_%: test/unit/test_%.c $(UNIT_CORE_OBJS) $(wildcard $(cf_srcdir)/src/core/*.h $(cf_srcdir)/test/unit/*.h)
	$(CC) $(UNIT_CFLAGS) -I$(cf_srcdir)/src/core -I$(cf_srcdir)/test/unit \
		-DCF_SOURCE_DIR='"$(cf_srcdir)"' -o $@ $< $(UNIT_CORE_OBJS) -lm

# One target per test, so that make -j runs them side by side (each prints
# its lines when it ends); make -k runs the others after a failure.
.PHONY: unittest $(UNIT_BINS:=.run)
unittest: $(UNIT_BINS:=.run)
$(UNIT_BINS:=.run): %.run: %
	@$(UNIT_RUNNER) ./$< || { echo "unit $(notdir $*): exit status $$?"; exit 1; }

# The inner loop: unit tests + installcheck on a private server (test/check_fast.sh).
.PHONY: check-fast
check-fast:
	@PG_CONFIG='$(PG_CONFIG)' bash '$(cf_srcdir)/test/check_fast.sh'

# The PGXN archive of the committed tree (HEAD), from a git clone only.
DISTNAME = $(EXTENSION)-$(PGXNVERSION)
.PHONY: dist print-version
dist:
	@top=$$(git -C '$(cf_srcdir)' rev-parse --show-toplevel 2>/dev/null) && [ "$$(cd "$$top" && pwd -P)" = "$$(cd '$(cf_srcdir)' && pwd -P)" ] || \
		{ echo "make dist: $(abspath $(cf_srcdir)) is not the top of a git clone; the archive is made by git archive from one" >&2; exit 1; }
	@git -C '$(cf_srcdir)' diff --quiet HEAD -- || echo "make dist: note: uncommitted changes are not in the archive (it holds HEAD)" >&2
	git -C '$(cf_srcdir)' archive --format=zip --prefix=$(DISTNAME)/ -o '$(abspath $(DISTNAME).zip)' HEAD
	@echo "$(DISTNAME).zip"

# "1.1 1.1.0": the extension version and its PGXN/SemVer form (for scripts).
print-version:
	@echo $(EXTVERSION) $(PGXNVERSION)
