# Item models fed by the request layer (added to segscope_core from the top-level CMakeLists).
target_sources(segscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/datasetlistmodel.h ${CMAKE_CURRENT_LIST_DIR}/datasetlistmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/thumbnaildecoder.h ${CMAKE_CURRENT_LIST_DIR}/thumbnaildecoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/thumbnaildiskcache.h ${CMAKE_CURRENT_LIST_DIR}/thumbnaildiskcache.cpp
    ${CMAKE_CURRENT_LIST_DIR}/thumbnailoverlay.h ${CMAKE_CURRENT_LIST_DIR}/thumbnailoverlay.cpp
    ${CMAKE_CURRENT_LIST_DIR}/thumbnailcache.h ${CMAKE_CURRENT_LIST_DIR}/thumbnailcache.cpp
    ${CMAKE_CURRENT_LIST_DIR}/samplelistmodel.h ${CMAKE_CURRENT_LIST_DIR}/samplelistmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/mailbox.h
    ${CMAKE_CURRENT_LIST_DIR}/sampleloader.h ${CMAKE_CURRENT_LIST_DIR}/sampleloader.cpp
)
