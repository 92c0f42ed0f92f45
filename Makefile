# smereport — build, run, test.
#
#   make            build build/smereport
#   make run        install missing Debian packages, build, run on input/ with config.ini
#   make test       install missing Debian packages, build, run every test
#   make sanitize   the whole test suite under ASan + UBSan
#   make valgrind   the whole test suite under valgrind
#   make bench      throughput and memory benchmark (generates data under build/bench)
#   make bench-10m  the same for 10,000,000 allocations (≈1.1 GB of input, minutes)
#   make bench-100k the whole job on 100,000 projects (GBs of output, minutes)
#   make install    PREFIX=/usr/local DESTDIR=
#
# The project's own flags live in SMR_* variables so that a command-line
# CFLAGS=... adds to them instead of replacing them.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/smereport
MANDIR    ?= $(PREFIX)/share/man
SYSCONFDIR ?= $(PREFIX)/etc/smereport

BUILD     ?= build
CC        ?= cc
CFLAGS    ?= -O2 -g
LDFLAGS   ?=

SMR_WARN   = -Wall -Wextra -Wshadow -Wformat=2 -Wpointer-arith -Wstrict-prototypes \
             -Wmissing-prototypes -Wvla -Wundef -Wno-unused-parameter
ifneq ($(CI),)
SMR_WARN  += -Werror
endif
SMR_CFLAGS = -std=c11 -D_GNU_SOURCE -pthread -Iinclude -I/usr/include/iniparser \
             -DSMR_DATADIR='"$(DATADIR)"' -DSMR_SYSCONFDIR='"$(SYSCONFDIR)"' \
             $(SMR_WARN) -MMD -MP
SMR_LIBS   = -pthread -lminizip -lhpdf -lharfbuzz-subset -lharfbuzz -ldeflate -lxlsxwriter -lz -lcsv -liniparser -lcrypto -lm

# Sources live in subsystem folders (src/core, src/ingest, ...; see README).
# A header another subsystem includes is in include/; one used only inside its
# subsystem sits beside its .c (found by #include "..." from that folder).
# Unit tests and fuzz targets may reach private headers: SMR_TEST_INC.
SRCS      := $(sort $(shell find src -name '*.c'))
SRC_DIRS  := $(sort $(dir $(SRCS)))
SMR_TEST_INC = $(patsubst %/,-I%,$(SRC_DIRS))
OBJS      := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
LIBOBJS   := $(filter-out $(BUILD)/obj/main.o,$(OBJS))
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
TESTS     := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TOOLS_SRCS := $(sort $(wildcard bench/*.c))
TOOLS     := $(TOOLS_SRCS:bench/%.c=$(BUILD)/tools/%)

BIN       := $(BUILD)/smereport

.PHONY: all run test check unit e2e setup sanitize sanitize-suite valgrind bench bench-10m bench-100k install clean fuzz tools

all: $(BIN) $(TOOLS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(SMR_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libsmr.a: $(LIBOBJS)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(BUILD)/libsmr.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(SMR_LIBS)

# Unit tests see file-local functions: STATIC expands to nothing with -DTESTING.
$(BUILD)/tobj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(SMR_CFLAGS) $(SMR_TEST_INC) -DTESTING -Wno-missing-prototypes $(CFLAGS) -c $< -o $@

$(BUILD)/libsmr-test.a: $(LIBOBJS:$(BUILD)/obj/%=$(BUILD)/tobj/%)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libsmr-test.a
	@mkdir -p $(@D)
	$(CC) $(SMR_CFLAGS) $(SMR_TEST_INC) -DTESTING -Wno-missing-prototypes $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libsmr-test.a $(SMR_LIBS) -lcmocka

# bench/probe.c (the machine's speed, for reading `make bench`) times libdeflate.
$(BUILD)/tools/probe: TOOL_LIBS := -ldeflate
$(BUILD)/tools/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(SMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< -lm $(TOOL_LIBS)

setup:
	@scripts/setup.sh

run: setup
	$(MAKE) all
	$(BIN) run --config config.ini

# One command runs every test: set-up, then unit tests and end-to-end cases,
# then the whole suite again under ASan + UBSan.
test: setup
	$(MAKE) check
	$(MAKE) sanitize-suite

# Unit tests and end-to-end cases of the normal build, without set-up; first
# the layering rule (no upward #include, scripts/check-layers.sh) and the
# library wrappers (libharu's headers only in hpdf_private.c/hpdf_public.h,
# scripts/check-wrappers.sh).
check: all $(TESTS)
	@scripts/check-layers.sh
	@scripts/check-wrappers.sh
	@scripts/run-tests.sh $(BUILD)

unit: $(TESTS)
	@scripts/run-tests.sh $(BUILD) unit

e2e: all
	@scripts/run-tests.sh $(BUILD) e2e

# Sanitized build in its own tree; runs the whole suite.
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
sanitize: setup
	$(MAKE) sanitize-suite

sanitize-suite:
	$(MAKE) BUILD=build/asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	        all $(TEST_SRCS:tests/unit/%.c=build/asan/tests/%)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    scripts/run-tests.sh build/asan

valgrind: setup
	$(MAKE) all $(TESTS)
	SMR_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	    scripts/run-tests.sh $(BUILD)

bench: setup
	$(MAKE) all
	@bench/run.sh $(BUILD)

# The 10,000,000-allocation set (≈1.1 GB under build/bench/10m) — minutes.
bench-10m: setup
	$(MAKE) all
	@BENCH_10M=1 bench/run.sh $(BUILD) validate_10m run_10m

# 100,000 projects × 4 allocations: 100,001 releases of each format, written
# into a scratch dir under TMPDIR (GBs; removed after) — minutes.
bench-100k: setup
	$(MAKE) all
	@BENCH_100K=1 bench/run.sh $(BUILD) run_100k_projects

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SYSCONFDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/smereport
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/
	install -m 644 docs/smereport.1 $(DESTDIR)$(MANDIR)/man1/smereport.1
	install -m 644 config.ini $(DESTDIR)$(SYSCONFDIR)/config.ini

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d) $(LIBOBJS:$(BUILD)/obj/%.o=$(BUILD)/tobj/%.d)

# ---- fuzzing (fuzz/README.md) ----
# `make fuzz-build` builds one libFuzzer target per fuzz/<target>.c with clang
# (ASan + UBSan) in $(BUILD)/fuzz; `make fuzz` runs each for FUZZ_TIME seconds
# on a scratch copy of its seed corpus (fuzz/corpus/<target>, plus
# fuzz/regress/<target>) and fails on the first crash, leaving the input as
# $(BUILD)/fuzz/crash-<target>-*. make test replays the seeds without clang
# (tests/unit/test_fuzz_regress.c).
FUZZ_CC      ?= clang
FUZZ_TIME    ?= 60
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS   = -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) -DFUZZING -DRAW_SIZE=1024 -DBATCH_BYTES=64
FUZZ_TARGETS := $(sort $(patsubst fuzz/%.c,%,$(wildcard fuzz/*.c)))
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)
FUZZ_OBJS    := $(LIBOBJS:$(BUILD)/obj/%=$(BUILD)/fuzz/obj/%)

.PHONY: fuzz-build
fuzz-build: $(FUZZ_BINS)

$(BUILD)/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(SMR_CFLAGS) $(SMR_TEST_INC) -fsanitize=fuzzer-no-link $(FUZZ_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/%: fuzz/%.c fuzz/fuzz_common.h $(FUZZ_OBJS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(SMR_CFLAGS) $(SMR_TEST_INC) -fsanitize=fuzzer $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_OBJS) $(SMR_LIBS)

fuzz: setup
	$(MAKE) fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	    work=$(BUILD)/fuzz/corpus-$$t; mkdir -p $$work; \
	    dict=; [ -f fuzz/$$t.dict ] && dict=-dict=fuzz/$$t.dict; \
	    echo "fuzz: $$t for $(FUZZ_TIME) s"; \
	    $(BUILD)/fuzz/$$t $$work fuzz/corpus/$$t $$(ls -d fuzz/regress/$$t 2>/dev/null) $$dict \
	        -max_total_time=$(FUZZ_TIME) \
	        -print_final_stats=1 -close_fd_mask=2 -artifact_prefix=$(BUILD)/fuzz/crash-$$t- \
	        >$(BUILD)/fuzz/$$t.log 2>&1 || { tail -n 60 $(BUILD)/fuzz/$$t.log; exit 1; }; \
	    grep -E '^stat::number_of_executed_units' $(BUILD)/fuzz/$$t.log | sed "s|^|fuzz: $$t: |"; \
	done

# make valgrind: glibc's loader false positive under iconv's dlopen (tests/valgrind.supp).
valgrind: export VALGRIND_OPTS = --suppressions=$(CURDIR)/tests/valgrind.supp
