# budgetlint — one non-recursive GNU Makefile.
#
#   make            build build/budgetlint and build/libbudgetlint.{so,a}
#   make demo       check the bundled sample with injected errors
#   make check      unit, expression, golden, rule-case and fuzz-corpus tests,
#                   and every sample and corpus document under valgrind
#   make check SANITIZE=address,undefined   the same under sanitizers, leaks
#                   included (valgrind skipped: it cannot run those builds)
#   make bench      time check over a generated corpus (BENCH_N filings)
#   make tsan       a -j 2 batch under ThreadSanitizer
#   make install PREFIX=/usr/local DESTDIR=  (and uninstall)
#
# Both demo and check first make sure the Debian packages are there
# (target deps): installed with apt-get when run as root, named otherwise.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(DATADIR)/man
PKGCONFIG ?= pkg-config

VERSION  := 0.1.0
SOVERSION := 0
comma    := ,

PKGS      := glib-2.0 yaml-0.1 xlsxwriter poppler-glib libzip libxml-2.0 zlib
TEST_PKGS := check
DEB_PKGS  := build-essential pkg-config libglib2.0-dev libyaml-dev \
             libxlsxwriter-dev check libpoppler-glib-dev libzip-dev libxml2-dev zlib1g-dev \
             python3-openpyxl valgrind
# Debian's python, where its packages (python3-openpyxl: tests/run-xlsx.sh)
# are installed, before any other on the PATH
DEB_PYTHON := $(firstword $(wildcard /usr/bin/python3) python3)

BUILD := build
ifdef SANITIZE
BUILD := build/$(subst $(comma),-,$(SANITIZE))
endif

# Optimised across files (LTO, with GCC) except under sanitizers: the rule
# engine's small functions live in several files.  `make bench` measures it.
CFLAGS ?= -O3 -g
ifndef SANITIZE
ifeq ($(findstring clang,$(shell $(CC) --version 2>/dev/null)),)
LTO ?= -flto=auto -ffat-lto-objects
AR := gcc-ar
endif
endif
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wold-style-definition -Wpointer-arith -Wcast-align -Wformat=2 \
        -Wwrite-strings -Wundef -Wvla \
        -Werror=implicit-function-declaration -Werror=return-type
# Recursively expanded: pkg-config runs only once deps has run.
PKG_CFLAGS = $(shell $(PKGCONFIG) --cflags $(PKGS))
PKG_LIBS   = $(shell $(PKGCONFIG) --libs $(PKGS))
CHECK_CFLAGS = $(shell $(PKGCONFIG) --cflags $(TEST_PKGS))
CHECK_LIBS   = $(shell $(PKGCONFIG) --libs $(TEST_PKGS))

override CPPFLAGS += -Ilib/include -Ilib -D_POSIX_C_SOURCE=200809L \
  -DG_LOG_DOMAIN=\"budgetlint\" \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_68 \
  -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_68 \
  -DBL_DATADIR=\"$(DATADIR)/budgetlint\" -MMD -MP
override CFLAGS += -std=c11 -fPIC $(WARN) $(PKG_CFLAGS) $(LTO)
override LDFLAGS += $(LTO)
ifeq ($(WERROR),1)
override CFLAGS += -Werror
endif
ifdef SANITIZE
override CFLAGS  += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
                    -fno-omit-frame-pointer
override LDFLAGS += -fsanitize=$(SANITIZE)
endif

# What the tests run under sanitizers.  GSlice (GLib < 2.76) keeps blocks
# in magazines of its own, where LeakSanitizer cannot tell a leaked one
# from a free one: G_SLICE=always-malloc hands every block to malloc, and
# gc-friendly clears the pointers GLib leaves in freed memory, which would
# keep a leak reachable.  Leak detection is on whatever ASAN_OPTIONS
# says (last wins); tests/lsan.supp names the known library leaks.
# libFuzzer runs (make fuzz) get the same.
SAN_ASAN := $(if $(ASAN_OPTIONS),$(ASAN_OPTIONS):)detect_leaks=1
SAN_LSAN := $(if $(LSAN_OPTIONS),$(LSAN_OPTIONS):)suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
SAN_ENV  := G_SLICE=always-malloc G_DEBUG=gc-friendly ASAN_OPTIONS=$(SAN_ASAN) LSAN_OPTIONS=$(SAN_LSAN)
ifdef SANITIZE
export G_SLICE := always-malloc
export G_DEBUG := gc-friendly
export ASAN_OPTIONS := $(SAN_ASAN)
export LSAN_OPTIONS := $(SAN_LSAN)
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRCS  := $(wildcard lib/*.c lib/input/*.c lib/report/*.c)
CLI_SRCS  := $(wildcard cli/*.c)
UNIT_SRCS := $(wildcard tests/unit/check_*.c)
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)

LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/templates-data.o
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/tests/%)
DEPS      := $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)

STATIC := $(BUILD)/libbudgetlint.a
SHARED := $(BUILD)/libbudgetlint.so.$(VERSION)
BIN    := $(BUILD)/budgetlint

.PHONY: all deps demo check check-unit check-expr check-golden check-rules check-roundtrip \
        check-fuzz check-example check-samples golden-update install uninstall \
        headertest clean bench fuzz check-xlsx check-cli check-bare check-limits tsan check-exports check-docs \
        check-valgrind
.DEFAULT_GOAL := all

all: $(BIN) $(SHARED)

# ---- Debian packages -------------------------------------------------------
deps:
	@missing=""; \
	for p in $(PKGS) $(TEST_PKGS); do \
	  $(PKGCONFIG) --exists $$p 2>/dev/null || missing="$$missing $$p"; \
	done; \
	command -v cc >/dev/null 2>&1 || missing="$$missing cc"; \
	command -v valgrind >/dev/null 2>&1 || missing="$$missing valgrind"; \
	$(DEB_PYTHON) -c 'import openpyxl' 2>/dev/null || missing="$$missing python3-openpyxl"; \
	if [ -n "$$missing" ]; then \
	  echo "budgetlint: missing:$$missing"; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "budgetlint: installing Debian packages: $(DEB_PKGS)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS) \
	      >/dev/null || exit 1; \
	  else \
	    echo "budgetlint: run as root, or install them yourself:"; \
	    echo "  sudo apt-get install $(DEB_PKGS)"; \
	    exit 1; \
	  fi; \
	fi

# ---- build -----------------------------------------------------------------
$(BUILD)/%.o: %.c | deps
	@mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -fvisibility=hidden -c -o $@ $<

# The table templates are data under rules/templates/, compiled into the
# library so that every reader can recognise tables without a rule pack.
# The code catalogue goes with them: readers use its names to tell where
# a label wrapped over lines ends; and so do the lexicon's words, which
# tell the prose reader what quantity a sentence's figure is.
TEMPLATES := $(sort $(wildcard rules/templates/*.yaml)) rules/catalog.yaml rules/lexicon.yaml
$(BUILD)/templates-data.c: $(TEMPLATES)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  GEN     $@")
	$(Q){ echo '/* Generated from the files in rules/templates: do not edit. */'; \
	  echo 'const char bl_templates_data[] = {'; \
	  for f in $(TEMPLATES); do printf -- '---\n'; cat $$f; done \
	    | od -An -v -tx1 | sed -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0 };'; echo 'const unsigned long bl_templates_size = sizeof bl_templates_data - 1;'; \
	} > $@

$(BUILD)/templates-data.o: $(BUILD)/templates-data.c
	$(Q)$(CC) $(CFLAGS) -Wno-missing-variable-declarations -c -o $@ $<

$(STATIC): $(LIB_OBJS)
	$(if $(Q),@echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# Only the public API is exported (lib/libbudgetlint.map; make check-exports).
$(SHARED): $(LIB_OBJS) lib/libbudgetlint.map
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) -shared -Wl,-soname,libbudgetlint.so.$(SOVERSION) \
	  -Wl,--version-script=lib/libbudgetlint.map $(LDFLAGS) \
	  -o $@ $(LIB_OBJS) $(PKG_LIBS)
	$(Q)ln -sf libbudgetlint.so.$(VERSION) $(BUILD)/libbudgetlint.so.$(SOVERSION)
	$(Q)ln -sf libbudgetlint.so.$(VERSION) $(BUILD)/libbudgetlint.so

$(BIN): $(CLI_OBJS) $(STATIC)
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/check_%: tests/unit/check_%.c $(STATIC) | deps
	@mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -DBUDGETLINT_COMPILATION $(CFLAGS) $(CHECK_CFLAGS) \
	  -DBL_SRCDIR=\"$(CURDIR)\" $(LDFLAGS) -o $@ $< $(STATIC) $(PKG_LIBS) $(CHECK_LIBS)

$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/standalone.c $(STATIC) | deps
	@mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -DBUDGETLINT_COMPILATION $(CFLAGS) $(LDFLAGS) -o $@ \
	  $< tests/fuzz/standalone.c $(STATIC) $(PKG_LIBS)

# ---- the two commands of the README ----------------------------------------
demo: $(BIN)
	@echo "\$$ budgetlint check samples/zengdu-2023-broken.yaml"
	@$(BIN) check --rules rules samples/zengdu-2023-broken.yaml; \
	 status=$$?; echo "(exit status $$status: 1 = findings)"; \
	 [ $$status -eq 1 ]

check: check-bare check-unit check-rules check-samples check-golden check-roundtrip check-fuzz \
       check-example check-xlsx check-cli check-limits check-exports check-docs check-valgrind
	@echo "make check: all test suites passed, every case run from the repository's own files"

# A clone has no ../shared: every input a test reads is in the repository
# (tests/corpus, samples), and a test whose file is missing fails, never
# skips.  This catches a test that would name the shared corpus again.
check-bare:
	@if grep -n '\.\./shared' tests/golden/*/args tests/*.sh \
	   || grep -n '"[^"]*\.\./shared' tests/unit/*.c tests/fuzz/*.c; then \
	  echo "check-bare: the tests above read ../shared, which a clone does not have"; exit 1; fi

check-unit: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do \
	  CK_VERBOSITY=normal $$t || exit 1; \
	done

check-rules: $(BIN)
	$(Q)$(BIN) rules test --rules rules

check-samples: $(BIN)
	$(Q)tests/run-samples.sh $(BIN)

check-golden: $(BIN)
	$(Q)tests/run-golden.sh $(BIN)

check-roundtrip: $(BIN)
	$(Q)tests/run-roundtrip.sh $(BIN)

check-cli: $(BIN)
	$(Q)tests/run-cli.sh $(BIN)

check-limits: $(BIN)
	$(Q)tests/run-limits.sh $(BIN)

check-exports: $(SHARED)
	$(Q)tests/run-exports.sh $(SHARED)

# The man pages' options against --help, their examples' summaries against
# a run (the example program's too).
check-docs: $(BIN) check-example
	$(Q)tests/run-docs.sh $(BIN) $(BUILD)/lint-example

# The workbook read back by openpyxl (skipped, saying so, without
# python3-openpyxl) and opened by LibreOffice when installed.
check-xlsx: $(BIN)
	$(Q)tests/run-xlsx.sh $(BIN)

# Every sample and corpus document under valgrind's memcheck (definite
# leaks, invalid accesses); valgrind cannot run a sanitizer build.
check-valgrind: $(BIN)
ifdef SANITIZE
	@echo "check-valgrind: skipped under SANITIZE (make check runs it)"
else
	$(Q)tests/run-valgrind.sh $(BIN)
endif

golden-update: $(BIN)
	$(Q)tests/run-golden.sh --update $(BIN)

check-fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_BINS); do \
	  name=$$(basename $$t); dir=tests/fuzz/corpus/$${name#fuzz_}; \
	  $$t $$dir/* || exit 1; \
	done; echo "fuzz corpora: $(words $(FUZZ_BINS)) targets replayed"

# The example program, built against an installed copy through pkg-config.
STAGE := $(abspath $(BUILD))/stage
check-example: $(BIN) $(SHARED)
	$(Q)$(MAKE) --no-print-directory install PREFIX=$(STAGE) DESTDIR= >/dev/null
	$(Q)PKG_CONFIG_PATH=$(STAGE)/lib/pkgconfig $(CC) -std=c11 $(WARN) \
	  $(if $(SANITIZE),-fsanitize=$(SANITIZE)) \
	  -o $(BUILD)/lint-example tests/example/lint-example.c \
	  $$(PKG_CONFIG_PATH=$(STAGE)/lib/pkgconfig $(PKGCONFIG) --cflags --libs budgetlint) \
	  -Wl,-rpath,$(STAGE)/lib
	$(Q)$(BUILD)/lint-example samples/zengdu-2023-broken.yaml \
	  $(STAGE)/share/budgetlint/rules > $(BUILD)/lint-example.out; \
	  status=$$?; [ $$status -eq 1 ] && grep -q "JS.01.balance" $(BUILD)/lint-example.out \
	  || { echo "example program: unexpected result ($$status)"; cat $(BUILD)/lint-example.out; exit 1; }
	@echo "example program: built against the installed library and ran"

# A generated corpus of canonical YAML filings (tests/bench/gen.py: the
# samples' template families, figures scaled consistently, errors injected
# and recorded), timed with -j 1 and -j 2; fails if an injected error goes
# unreported.  Not part of check.
BENCH_N ?= 4000
bench: $(BIN)
	@command -v python3 >/dev/null || { echo "make bench needs python3 (apt-get install python3)"; exit 1; }
	$(Q)python3 tests/bench/bench.py $(BIN) $(BENCH_N) $(BUILD)/bench

# One batch with -j 2 under ThreadSanitizer: every input format, files
# read and checked concurrently on one pack.  GLib is not instrumented
# (tests/tsan.supp says why); GSlice is turned off so its reuse of memory
# between threads is visible.
TSAN_INPUTS := tests/corpus/pdf tests/corpus/text samples
tsan:
	$(Q)$(MAKE) --no-print-directory SANITIZE=thread build/thread/budgetlint
	G_SLICE=always-malloc TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan.supp halt_on_error=1" \
	  build/thread/budgetlint check --rules rules -j 2 $(TSAN_INPUTS) \
	  > build/thread/tsan.out; status=$$?; tail -1 build/thread/tsan.out; \
	  [ $$status -le 2 ] && echo "tsan: no data race reported (exit $$status)"

# libFuzzer runs (not part of check): make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="text pdf"]
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
FUZZ_DIR := build/fuzz
FUZZ_CFLAGS = -g -O1 -std=c11 -fsanitize=address,undefined -fno-sanitize-recover=all \
  $(CPPFLAGS) -DBUDGETLINT_COMPILATION $(PKG_CFLAGS) -w
fuzz: $(BUILD)/templates-data.c | deps
	@command -v clang >/dev/null || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	@mkdir -p $(FUZZ_DIR)/obj
	$(Q)for f in $(LIB_SRCS) $(BUILD)/templates-data.c; do \
	  clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $(FUZZ_DIR)/obj/$$(echo $$f | tr / _).o $$f || exit 1; \
	done
	$(Q)for t in $(FUZZ_TARGETS); do \
	  clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $(FUZZ_DIR)/fuzz_$$t tests/fuzz/fuzz_$$t.c \
	    $(FUZZ_DIR)/obj/*.o $(PKG_LIBS) || exit 1; \
	  mkdir -p $(FUZZ_DIR)/corpus-$$t $(FUZZ_DIR)/artifacts-$$t; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  $(SAN_ENV) $(FUZZ_DIR)/fuzz_$$t -detect_leaks=1 -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts-$$t/ $(FUZZ_DIR)/corpus-$$t tests/fuzz/corpus/$$t \
	    2>&1 | tail -3; \
	done

headertest: | deps
	$(Q)echo '#include <budgetlint/budgetlint.h>' | $(CC) -std=c99 -pedantic -Werror \
	  -Ilib/include $(PKG_CFLAGS) -x c -fsyntax-only -

# ---- install ---------------------------------------------------------------
install: $(BIN) $(SHARED) $(STATIC)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	  $(DESTDIR)$(INCDIR)/budgetlint $(DESTDIR)$(DATADIR)/budgetlint/rules \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/budgetlint
	install -m 644 $(SHARED) $(STATIC) $(DESTDIR)$(LIBDIR)/
	ln -sf libbudgetlint.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libbudgetlint.so.$(SOVERSION)
	ln -sf libbudgetlint.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libbudgetlint.so
	install -m 644 lib/include/budgetlint/*.h $(DESTDIR)$(INCDIR)/budgetlint/
	install -m 644 rules/*.yaml $(DESTDIR)$(DATADIR)/budgetlint/rules/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.3 $(DESTDIR)$(MANDIR)/man3/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    lib/budgetlint.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/budgetlint.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/budgetlint \
	  $(DESTDIR)$(LIBDIR)/libbudgetlint.* \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/budgetlint.pc \
	  $(DESTDIR)$(MANDIR)/man1/budgetlint.1 \
	  $(DESTDIR)$(MANDIR)/man3/libbudgetlint.3 \
	  $(DESTDIR)$(MANDIR)/man5/budgetlint-rules.5 \
	  $(DESTDIR)$(MANDIR)/man5/budgetlint-filing.5
	rm -rf $(DESTDIR)$(INCDIR)/budgetlint $(DESTDIR)$(DATADIR)/budgetlint

clean:
	rm -rf build

-include $(DEPS)
