# Install rules and packages: both executables, the desktop entry, the AppStream metainfo and
# the hicolor icons; `cpack` makes a .deb (dependencies from dpkg-shlibdeps) and a .tar.gz.
# Included from the top-level CMakeLists.txt after the executables are defined.
include(GNUInstallDirs)

set(SEGSCOPE_APP_ID ai.segscope.Segscope)
set(SEGSCOPE_ICON_SIZES 16 24 32 48 64 128 256 512)

# The executables link only static libraries of ours and system Qt, so they need no RPATH
# (qt_standard_project_setup would give them $ORIGIN/../lib).
set_target_properties(segscope segscope-server PROPERTIES INSTALL_RPATH "")
install(TARGETS segscope segscope-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES ${PROJECT_SOURCE_DIR}/packaging/${SEGSCOPE_APP_ID}.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/${SEGSCOPE_APP_ID}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
foreach(size IN LISTS SEGSCOPE_ICON_SIZES)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/hicolor/${size}x${size}/apps/${SEGSCOPE_APP_ID}.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/${SEGSCOPE_APP_ID}.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
# Debian keeps a package's licence as share/doc/<package>/copyright.
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/segscope RENAME copyright)

set(SEGSCOPE_PACKAGE_MAINTAINER "Segscope maintainers <maintainers@segscope.ai>"
    CACHE STRING "The Maintainer field of the .deb")

set(CPACK_GENERATOR DEB TGZ)
set(CPACK_PACKAGE_NAME segscope)
set(CPACK_PACKAGE_VENDOR "The Segscope developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${SEGSCOPE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Desktop browser for Segments.ai datasets, and a compatible server")
# Pre-wrapped: CPack indents the lines of the .deb's long description but does not wrap them.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
    "Segscope browses labeled image datasets on Segments.ai or on any server that"
    "speaks the same REST API: pick a dataset, scroll its samples as a thumbnail"
    "grid or a table, and inspect label overlays (segmentation bitmaps, boxes,"
    "polygons) pixel by pixel. Headless commands list datasets and samples and"
    "render labels to PNG files."
    ""
    "segscope-server is a local server with the same REST API on SQLite, for"
    "self-hosted datasets, scripts written for the official Python SDK, and the"
    "built-in demo.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_FILE_NAME segscope-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR})
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # segscope_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Plugins Qt loads at run time, which dpkg-shlibdeps cannot see: segscope-server's SQLite driver.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
# HTTPS to api.segments.ai needs the CA bundle; the demo works without it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
