# The README's commands. A thin front over CMake presets (CMakePresets.json).
#   make sample   set up, build (Release), run a matching round on the bundled sample
#   make test     set up, build, run the whole test suite
#   make bench    set up, build, run the benchmarks (district preset, the
#                 micro-kernel and the district fair; see bench/README.md)
#   make bench-city   the same on the city preset (265,000 x 10,000; minutes)
#   make bench-province  shortlists on the province preset (3,000,000 x
#                     100,000, 60 km; minutes, 7 GiB)
#   make bench-policies  the policies on the city preset; optimal's solver
#                     against LEMON on the same candidate graph (minutes)
#   make bench-peers  vetmatch against FAISS, a naive baseline and the sgemm
#                     ceiling on the city preset (bench/peer_comparison.cc; minutes)
#   make docs-report  the fair report's screenshots in docs/ (the district
#                 sample's fair, planned and printed with headless Chromium)
#   make setup    install the Debian packages the build and tests need (only
#                 those missing)
#   make bench-setup  also the optional bench-only peers (FAISS, OpenBLAS)

# chromium, fonts-noto-cjk and poppler-utils: the fair report's end-to-end
# test prints it with headless Chromium and reads the PDF back (and
# `make docs-report` makes its screenshots); the build itself needs none.
PACKAGES := cmake g++ make pkg-config python3 libeigen3-dev libtbb-dev rapidjson-dev \
            libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev liblemon-dev \
            chromium fonts-noto-cjk poppler-utils
# Bench-only and optional: the peers of bench/peer_comparison.cc. Neither the
# build nor `make test` needs them; without them its rows print "skipped".
# libopenblas0-openmp adds OpenBLAS's OpenMP build beside the default
# pthreads one (a tuning trial loads it through LD_LIBRARY_PATH).
BENCH_PACKAGES := libfaiss-dev libopenblas-dev libopenblas0-openmp
BUILD := build/release
SAMPLE := datasets/samples/district.round.json
RESULT := out/district.result.json

.PHONY: setup bench-setup configure build sample test bench bench-city bench-province bench-policies bench-peers docs-report format clean

# Installs the missing ones of the packages $(1) with apt-get ($(2): label).
define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "$(2): installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	else \
	  echo "$(2): all packages present"; \
	fi
endef

setup:
	$(call install_missing,$(PACKAGES),setup)

bench-setup: setup
	$(call install_missing,$(BENCH_PACKAGES),bench-setup)

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
	$(BUILD)/bench/kernel_benchmark
	$(BUILD)/bench/fair_benchmark

bench-city: build
	$(BUILD)/bench/shortlist_benchmark --benchmark_filter=city

# Hebei, 3,000,000 x 100,000, 60 km: about 2 minutes of setup and 1.5 of
# shortlists, 7 GiB.
bench-province: build
	$(BUILD)/bench/shortlist_benchmark --benchmark_filter=province

bench-policies: build
	$(BUILD)/bench/policy_benchmark --preset city

# Configured again after bench-setup so that CMake finds FAISS and OpenBLAS.
bench-peers: bench-setup
	cmake --preset release
	cmake --build --preset release --target peer_comparison
	$(BUILD)/bench/peer_comparison --case city

# The fair report's screenshots, as printed on A4: the district sample's
# fair (1,000 veterans, 100 booths; `vetmatch fair generate`) planned with
# --report and --csv-dir (out/district-fair/), printed to PDF by headless
# Chromium with no network (adapters/report/print_to_pdf.sh), then the
# summary page and the first booth page rasterised at 90 dpi (pdftoppm).
FAIR_OUT := out/district-fair
docs-report: build
	@mkdir -p $(FAIR_OUT) docs
	$(BUILD)/vetmatch fair generate $(SAMPLE) -o $(FAIR_OUT)/fair.json -q
	$(BUILD)/vetmatch fair plan $(FAIR_OUT)/fair.json -o $(FAIR_OUT)/plan.json \
	  --report $(FAIR_OUT)/report.html --csv-dir $(FAIR_OUT)/lists -q --no-timings
	sh adapters/report/print_to_pdf.sh $(FAIR_OUT)/report.html $(FAIR_OUT)/report.pdf
	pdftoppm -f 1 -l 1 -r 90 -png -singlefile $(FAIR_OUT)/report.pdf docs/fair-report-summary
	@page=1; \
	while ! pdftotext -f $$page -l $$page $(FAIR_OUT)/report.pdf - | head -n 1 | grep -q '^展位 Booth'; do \
	  page=$$((page + 1)); [ $$page -le 50 ] || { echo "no booth page" >&2; exit 1; }; \
	done; \
	echo "first booth page: $$page"; \
	pdftoppm -f $$page -l $$page -r 90 -png -singlefile $(FAIR_OUT)/report.pdf docs/fair-report-booth
	@echo "Report: $(FAIR_OUT)/report.html ($(FAIR_OUT)/report.pdf); lists: $(FAIR_OUT)/lists/"

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf build out
