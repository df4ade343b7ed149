# The README's commands. A thin front over CMake presets (CMakePresets.json).
#   make sample   set up, build (Release), run a matching round on the bundled sample
#   make test     set up, build, run the whole test suite
#   make bench    set up, build, run the benchmarks (district preset; see bench/README.md)
#   make bench-city   the same on the city preset (265,000 x 10,000; minutes)
#   make setup    install the Debian packages the build needs (only those missing)

PACKAGES := cmake g++ make pkg-config python3 libeigen3-dev libtbb-dev rapidjson-dev \
            libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev
BUILD := build/release
SAMPLE := datasets/samples/district.round.json
RESULT := out/district.result.json

.PHONY: setup configure build sample test bench bench-city format clean

setup:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	else \
	  echo "setup: all packages present"; \
	fi

configure: setup
	cmake --preset release

build: configure
	cmake --build --preset release

sample: build
	@mkdir -p out
	$(BUILD)/vetmatch match $(SAMPLE) -o $(RESULT)
	@echo "Result: $(RESULT)"

test: build
	ctest --preset release

bench: build
	$(BUILD)/bench/shortlist_benchmark --benchmark_filter=district

bench-city: build
	$(BUILD)/bench/shortlist_benchmark --benchmark_filter=city

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf build out
