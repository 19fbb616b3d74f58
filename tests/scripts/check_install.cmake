# cmake -DBUILD_DIR=... -DPREFIX=... -DAPP_ID=... "-DSIZES=..." -P check_install.cmake
# Installs the build tree into a fresh PREFIX and fails unless every file the packages ship is
# where the desktop expects it.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
    RESULT_VARIABLE result OUTPUT_QUIET)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${result}")
endif()

set(expected
    bin/segscope
    bin/segscope-server
    share/applications/${APP_ID}.desktop
    share/metainfo/${APP_ID}.metainfo.xml
    share/icons/hicolor/scalable/apps/${APP_ID}.svg
    share/doc/segscope/copyright)
foreach(size IN LISTS SIZES)
    list(APPEND expected share/icons/hicolor/${size}x${size}/apps/${APP_ID}.png)
endforeach()

set(problems "")
foreach(file IN LISTS expected)
    if(NOT EXISTS "${PREFIX}/${file}")
        string(APPEND problems "\n  missing ${file}")
    endif()
endforeach()
foreach(program segscope segscope-server)
    if(EXISTS "${PREFIX}/bin/${program}")
        file(READ "${PREFIX}/bin/${program}" magic LIMIT 4 HEX)
        if(NOT magic STREQUAL "7f454c46")
            string(APPEND problems "\n  bin/${program} is not an ELF executable")
        endif()
    endif()
endforeach()

file(GLOB_RECURSE extra RELATIVE "${PREFIX}" "${PREFIX}/*")
list(REMOVE_ITEM extra ${expected})
foreach(file IN LISTS extra)
    string(APPEND problems "\n  unexpected ${file}")
endforeach()
if(problems)
    message(FATAL_ERROR "install check failed:${problems}")
endif()
list(LENGTH expected count)
message(STATUS "installed the ${count} expected files into ${PREFIX}")
file(REMOVE_RECURSE "${PREFIX}")
