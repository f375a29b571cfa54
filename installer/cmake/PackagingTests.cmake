# CTest checks of the packaging (label "packaging"). Included from installer/CMakeLists.txt.
#   package_deb          builds the .deb with cpack, checks its contents, metadata and lintian,
#                        installs it into a throwaway root and syncs once from the installed files
#   packaging_metadata   validates the AppStream metainfo, desktop entry and man pages
if(NOT (UNIX AND NOT APPLE))
  return()
endif()

set(lantir_packaging_env
  "LANG=C.UTF-8"
  "LC_ALL=C.UTF-8"
  "LANTIR_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "LANTIR_BINARY_DIR=${PROJECT_BINARY_DIR}"
  "LANTIR_PACKAGING_DIR=${CMAKE_CURRENT_BINARY_DIR}"
  "LANTIR_VERSION=${PROJECT_VERSION}"
  "LANTIR_DEB_VERSION=${LANTIR_DEB_VERSION}"
  "LANTIR_APPSTREAM_ID=${LANTIR_APPSTREAM_ID}"
  "LANTIR_DESKTOP_FILE=${lantir_desktop_file}"
  "LANTIR_WITH_GUI=$<IF:$<BOOL:${lantir_with_gui}>,1,0>"
  "CPACK_COMMAND=${CMAKE_CPACK_COMMAND}")
if(TARGET lantir-redcap-sim)
  list(APPEND lantir_packaging_env "LANTIR_SIMULATOR=$<TARGET_FILE:lantir-redcap-sim>")
endif()
if(TARGET lantir-pg-testserver)
  list(APPEND lantir_packaging_env "LANTIR_PG_TESTSERVER=$<TARGET_FILE:lantir-pg-testserver>")
endif()

find_program(LANTIR_DPKG_DEB dpkg-deb)
if(LANTIR_DPKG_DEB)
  add_test(NAME package_deb COMMAND ${PROJECT_SOURCE_DIR}/tests/packaging/test-deb.sh)
  # Serial: it runs cpack (which checks the build is complete) and lintian, both heavy on 2 cores.
  set_tests_properties(package_deb PROPERTIES
    LABELS packaging TIMEOUT 300 SKIP_RETURN_CODE 77 RUN_SERIAL TRUE
    ENVIRONMENT "${lantir_packaging_env}")
endif()

add_test(NAME packaging_metadata COMMAND ${PROJECT_SOURCE_DIR}/tests/packaging/check-metadata.sh)
set_tests_properties(packaging_metadata PROPERTIES
  LABELS packaging TIMEOUT 60 SKIP_RETURN_CODE 77
  ENVIRONMENT "${lantir_packaging_env}")
