# The two set-up commands on a fresh Debian 12 machine: `make run` and `make test`.
# Both install what is missing first (scripts/install-deps.sh).

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= 2
RUN_FLAGS ?=

.PHONY: deps configure build run test test-unit test-integration bench format clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) > /dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Starts parleyd on the defaults: web and API on http://127.0.0.1:8080, data in ./data.
run: build
	./$(BUILD_DIR)/parleyd $(RUN_FLAGS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-unit: build
	cd $(BUILD_DIR) && ctest --output-on-failure -L 'unit|store|net'

test-integration: build
	cd $(BUILD_DIR) && ctest --output-on-failure -L integration

# Benchmark (not part of `make test`): a Release tree in build-release, then
# the IRC scenarios against parleyd, ngIRCd and InspIRCd, interleaved, and
# the WebSocket ones against parleyd; the bench pins the server to the first
# CPU and itself to the others. About 14 minutes with ROUNDS=2 (the default),
# 10 with ROUNDS=1. See bench/README.md.
BENCH_DIR ?= build-release

bench: deps
	@cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
	@cmake --build $(BENCH_DIR) -j $(JOBS) --target parleyd ws_bench
	BUILD_DIR=$(BENCH_DIR) bench/compare.sh

format:
	@git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
