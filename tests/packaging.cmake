# Packaging checks (label "packaging"): the desktop entry and the AppStream metainfo pass their
# validators with nothing to report, every hicolor PNG is an RGBA PNG of its nominal size, and
# `cmake --install` puts each file where the packages expect it.
find_program(SEGSCOPE_DESKTOP_FILE_VALIDATE desktop-file-validate)
find_program(SEGSCOPE_APPSTREAMCLI appstreamcli)
if(NOT SEGSCOPE_DESKTOP_FILE_VALIDATE OR NOT SEGSCOPE_APPSTREAMCLI)
    message(WARNING "desktop-file-validate or appstreamcli missing (packaging/install-debian-deps.sh "
        "installs them): the packaging tests will fail")
endif()

# desktop-file-validate exits 0 on warnings and hints; count them as failures too.
add_test(NAME packaging_desktop_entry
    COMMAND ${SEGSCOPE_DESKTOP_FILE_VALIDATE}
        ${PROJECT_SOURCE_DIR}/packaging/${SEGSCOPE_APP_ID}.desktop)
set_tests_properties(packaging_desktop_entry PROPERTIES
    FAIL_REGULAR_EXPRESSION "(error|warning|hint):")

# --strict fails on warnings and infos; only pedantic notes (the upper-case letters of the
# reverse-DNS id) are allowed.
add_test(NAME packaging_appstream
    COMMAND ${SEGSCOPE_APPSTREAMCLI} validate --no-net --strict
        ${PROJECT_SOURCE_DIR}/packaging/${SEGSCOPE_APP_ID}.metainfo.xml)

add_test(NAME packaging_icons
    COMMAND ${CMAKE_COMMAND}
        -DICONS=${PROJECT_SOURCE_DIR}/resources/icons
        -DAPP_ID=${SEGSCOPE_APP_ID}
        "-DSIZES=${SEGSCOPE_ICON_SIZES}"
        -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_icons.cmake)

add_test(NAME packaging_install
    COMMAND ${CMAKE_COMMAND}
        -DBUILD_DIR=${PROJECT_BINARY_DIR}
        -DPREFIX=${CMAKE_CURRENT_BINARY_DIR}/packaging-install
        -DAPP_ID=${SEGSCOPE_APP_ID}
        "-DSIZES=${SEGSCOPE_ICON_SIZES}"
        -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_install.cmake)

set_tests_properties(packaging_desktop_entry packaging_appstream packaging_icons packaging_install
    PROPERTIES LABELS packaging)
