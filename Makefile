# Thin wrapper: the two commands of the README. Everything else is CMake presets.
.PHONY: deps demo check test asan bench package format

deps:
	bash packaging/install-debian-deps.sh

# Set up, build and start segscope on the embedded demo: only the two programs it runs (the
# window starts segscope-server for the demo), not the tests and benchmarks.
demo: deps
	cmake --preset release
	cmake --build --preset release --target segscope segscope-server
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

# Release build of the two executables, then their .deb and .tar.gz in build/pkg. Without the
# tests: cpack builds the whole build tree before it packages it.
package: deps
	cmake -S . -B build/pkg -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEGSCOPE_BUILD_TESTS=OFF
	cmake --build build/pkg --target segscope segscope-server
	cd build/pkg && cpack -G DEB && cpack -G TGZ

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i
