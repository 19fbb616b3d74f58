# Thin wrapper: the two commands of the README. Everything else is CMake presets.
.PHONY: deps demo check test asan bench format

deps:
	bash packaging/install-debian-deps.sh

# Set up, build and start segscope on the embedded demo.
demo: deps
	cmake --preset release
	cmake --build --preset release
	./build/release/bin/segscope --demo

# Set up, build and run every test: once with warnings as errors, once under ASan+UBSan.
check: deps test asan

test:
	cmake --preset debug
	cmake --build --preset debug
	ctest --preset debug

asan:
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

bench: deps
	cmake --preset release
	cmake --build --preset release
	@ls build/release/bin/bench_*

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i
