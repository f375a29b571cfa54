# Windows: put Qt, its plugins and translations, QtKeychain and the compiler runtime next to the
# installed programs, so the NSIS or WiX installer runs on a machine without Qt. Included from
# installer/CMakeLists.txt when WIN32. Build the installer with (docs/OPERATIONS.md):
#   cmake -S . -B build -G "Visual Studio 17 2022" -DCMAKE_PREFIX_PATH=C:\Qt\6.x\msvc2019_64
#   cmake --build build --config Release
#   cd build && cpack -G NSIS -C Release        (or -G WIX)

# Qt's own imported windeployqt target where this Qt has one, else next to Qt's programs.
if(TARGET Qt6::windeployqt)
  get_target_property(lantir_windeployqt_default Qt6::windeployqt LOCATION)
  get_filename_component(lantir_windeployqt_default "${lantir_windeployqt_default}" DIRECTORY)
endif()
find_program(LANTIR_WINDEPLOYQT NAMES windeployqt
  HINTS "${lantir_windeployqt_default}" "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" "${QT6_INSTALL_PREFIX}/bin")

set(lantir_deploy_targets lantir-sync)
if(lantir_with_gui)
  list(APPEND lantir_deploy_targets lantir)
endif()

if(LANTIR_WINDEPLOYQT)
  set(lantir_deploy_files "")
  foreach(target IN LISTS lantir_deploy_targets)
    string(APPEND lantir_deploy_files " \"\${lantir_bin}/$<TARGET_FILE_NAME:${target}>\"")
  endforeach()
  # windeployqt copies the Qt DLLs, the platform, style, image format, icon engine, TLS and SQL
  # driver plugins each program loads, and Qt's translations (which lantir looks for in
  # <bin>/translations).
  install(CODE "
    set(lantir_bin \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    execute_process(
      COMMAND \"${LANTIR_WINDEPLOYQT}\" $<IF:$<CONFIG:Debug>,--debug,--release>
              --no-quick-import --no-system-d3d-compiler --verbose 1 --dir \"\${lantir_bin}\"
              ${lantir_deploy_files}
      RESULT_VARIABLE lantir_deploy_status)
    if(NOT lantir_deploy_status EQUAL 0)
      message(FATAL_ERROR \"windeployqt failed (\${lantir_deploy_status}); the installer would lack Qt\")
    endif()
  ")
else()
  install(CODE "message(FATAL_ERROR \"windeployqt was not found in ${QT6_INSTALL_PREFIX}; \"
    \"without it the installer would lack Qt. Set LANTIR_WINDEPLOYQT to its path.\")")
endif()

# QtKeychain is not part of Qt, so windeployqt leaves it out.
if(lantir_with_gui AND TARGET qt6keychain)
  get_target_property(lantir_keychain_type qt6keychain TYPE)
  if(lantir_keychain_type STREQUAL "SHARED_LIBRARY")
    install(FILES $<TARGET_FILE:qt6keychain> DESTINATION ${CMAKE_INSTALL_BINDIR})
  endif()
endif()

# The MSVC runtime, into bin/ beside the programs (windeployqt copies MinGW's runtime itself).
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

install(FILES ${LANTIR_LICENSE_FILE} DESTINATION ${LANTIR_DOC_DIR} RENAME LICENSE.txt)
