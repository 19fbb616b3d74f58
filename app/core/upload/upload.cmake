# The upload pipeline (issue 6), added to segscope_core from app/core/CMakeLists.txt.
target_sources(segscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/uploaditem.h ${CMAKE_CURRENT_LIST_DIR}/uploaditem.cpp
    ${CMAKE_CURRENT_LIST_DIR}/uploadchecks.h ${CMAKE_CURRENT_LIST_DIR}/uploadchecks.cpp
    ${CMAKE_CURRENT_LIST_DIR}/uploadjob.h ${CMAKE_CURRENT_LIST_DIR}/uploadjob.cpp
    ${CMAKE_CURRENT_LIST_DIR}/uploadqueue.h ${CMAKE_CURRENT_LIST_DIR}/uploadqueue.cpp
)
