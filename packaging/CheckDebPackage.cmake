# Run by the packaging_deb test: builds the .deb with CPack and checks its contents and dependencies.
cmake_minimum_required(VERSION 3.21)
# -DCPACK=... -DCPACK_CONFIG=<build>/CPackConfig.cmake -DWORK_DIR=... -DAPP_ID=... -DBINARIES="a;b"
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${CPACK} --config ${CPACK_CONFIG} -B ${WORK_DIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cpack failed (${rc}):\n${out}")
endif()
file(GLOB debs ${WORK_DIR}/telcodesk_*.deb)
list(LENGTH debs count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one telcodesk_*.deb in ${WORK_DIR}, found: ${debs}\n${out}")
endif()

execute_process(COMMAND dpkg-deb --contents ${debs} OUTPUT_VARIABLE contents RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb --contents failed on ${debs}")
endif()
set(expected
    ./usr/share/applications/${APP_ID}.desktop
    ./usr/share/metainfo/${APP_ID}.metainfo.xml
    ./usr/share/icons/hicolor/scalable/apps/${APP_ID}.svg)
foreach(binary IN LISTS BINARIES)
    list(APPEND expected ./usr/bin/${binary})
endforeach()
foreach(path IN LISTS expected)
    string(FIND "${contents}" " ${path}\n" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${path} is missing from the package. Contents:\n${contents}")
    endif()
endforeach()

execute_process(COMMAND dpkg-deb --field ${debs} Package Depends OUTPUT_VARIABLE fields)
# The Qt libraries come from dpkg-shlibdeps, the SQLite driver plugin from the explicit list.
foreach(dependency libqt6core6 libqt6sql6-sqlite)
    if(NOT fields MATCHES "${dependency}")
        message(FATAL_ERROR "the package does not depend on ${dependency}:\n${fields}")
    endif()
endforeach()
list(JOIN expected ", " shown)
message(STATUS "${debs} holds ${shown}\n${fields}")
file(REMOVE_RECURSE ${WORK_DIR}/_CPack_Packages)
