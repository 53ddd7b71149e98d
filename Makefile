# Developer and CI entry points for Weizhi: deps, build, build-asan, test, demo, bench, clean.
# `make test` is the full pipeline run by CI (.ci/run); `make demo` serves a seeded demo on LISTEN.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
MAKEFLAGS += --no-print-directory
.DEFAULT_GOAL := build

DEMO_DB ?= sqlite:.weizhi/demo.db
LISTEN ?= 127.0.0.1:8080
DEMO_KEY := .weizhi/data.key
# Optional parallelism override for the C++ builds, e.g. `make build JOBS=1` (default: ninja's).
JOBS ?=
NINJA_JOBS := $(if $(JOBS),-j $(JOBS))

.PHONY: all deps build build-asan test demo bench clean

all: build

deps:
	bash scripts/install-deps.sh

# Line tables only (-g1): enough for backtraces, sanitizer reports and profiles, and a third less
# compile time than full debug information.
build: deps
	if [[ ! -f build/build.ninja ]]; then \
	  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo '-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG'; \
	fi
	cmake --build build $(NINJA_JOBS)
	if [[ -f web/package.json ]]; then npm --prefix web run build; fi

# The sanitizer build uses clang: it compiles this code in half the CPU time g++ needs under
# -fsanitize, and a second compiler's warnings come with it. It compiles src/ in unity batches, about
# a third less CPU from scratch, while `make build` keeps one file a unit, so both ways must compile.
build-asan: deps
	if [[ ! -f build-asan/build.ninja ]]; then \
	  CXX=clang++ cmake -S . -B build-asan -G Ninja -DWEIZHI_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
	    -DWEIZHI_UNITY_BUILD=ON; \
	fi
	cmake --build build-asan --target unit_tests api_tests $(NINJA_JOBS)

# run-tests.sh makes the ASan/UBSan build itself, at low priority alongside the first suites.
test: deps build
	bash scripts/run-tests.sh --build-asan

demo: build
	mkdir -p .weizhi
	if [[ ! -e $(DEMO_KEY) ]]; then \
	  (umask 077 && head -c32 /dev/urandom | od -An -tx1 | tr -d ' \n' > $(DEMO_KEY)); \
	fi
	grep -qxE '[0-9a-fA-F]{64}' $(DEMO_KEY) || { echo "$(DEMO_KEY) is not 64 hex chars; fix or delete it" >&2; exit 1; }
	chmod 600 $(DEMO_KEY)
	WEIZHI_DATA_KEY_FILE=$(DEMO_KEY) ./build/weizhi seed demo --db '$(DEMO_DB)' --if-empty
	@echo "居民登录验证码不发短信，写入 .weizhi/sms.log（每行：手机号<TAB>短信内容）: tail -f .weizhi/sms.log"
	exec env WEIZHI_DATA_KEY_FILE=$(DEMO_KEY) WEIZHI_MEDIA_DIR=.weizhi/media WEIZHI_SMS_PROVIDER=file:.weizhi/sms.log \
	  ./build/weizhi serve --db '$(DEMO_DB)' --listen '$(LISTEN)'

bench: build
	cmake --build build --target property_close_bench access_sync_bench visitor_check_bench $(NINJA_JOBS)
	bash bench/run.sh

clean:
	if [[ -f build/pg-test.env ]]; then WEIZHI_PG_STATE=build/pg-test.env bash scripts/pg-test.sh stop; fi
	rm -rf build build-asan
