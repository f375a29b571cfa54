# macOS: Lantir.app with Qt deployed inside it (macdeployqt), lantir-sync inside the bundle beside
# the app so that it finds the same frameworks, and a drag-and-drop disk image. Included from
# installer/CMakeLists.txt when APPLE. Build the image with (docs/OPERATIONS.md):
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=$HOME/Qt/6.x/macos
#   cmake --build build && cd build && cpack -G DragNDrop

if(NOT lantir_with_gui)
  message(WARNING "The macOS disk image holds Lantir.app: configure with LANTIR_BUILD_GUI=ON to build it")
  return()
endif()

set(LANTIR_MACOS_SIGN_IDENTITY "-" CACHE STRING
    "codesign identity for Lantir.app ('-': ad hoc, enough to run on this Mac; use a Developer ID to distribute)")

# The bundle's properties and its icon are set where the target is defined
# (cmake/LantirAppTarget.cmake, called from src/app/CMakeLists.txt), which also installs
# Lantir.app at the top of the install tree.

# Qt's own imported macdeployqt target where this Qt has one, else next to Qt's programs.
if(TARGET Qt6::macdeployqt)
  get_target_property(lantir_macdeployqt_default Qt6::macdeployqt LOCATION)
  get_filename_component(lantir_macdeployqt_default "${lantir_macdeployqt_default}" DIRECTORY)
endif()
find_program(LANTIR_MACDEPLOYQT NAMES macdeployqt
  HINTS "${lantir_macdeployqt_default}" "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" "${QT6_INSTALL_PREFIX}/bin")
if(NOT LANTIR_MACDEPLOYQT)
  install(CODE "message(FATAL_ERROR \"macdeployqt was not found in ${QT6_INSTALL_PREFIX}; \"
    \"without it Lantir.app would lack Qt. Set LANTIR_MACDEPLOYQT to its path.\")")
  return()
endif()

# Runs after the programs are installed (this folder is added last): moves Lantir.app to the top
# of the image, puts lantir-sync inside it, deploys Qt into it and signs it again.
install(CODE "
  set(root \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
  set(app \"\${root}/Lantir.app\")
  if(NOT EXISTS \"\${app}\" AND EXISTS \"\${root}/${CMAKE_INSTALL_BINDIR}/Lantir.app\")
    file(RENAME \"\${root}/${CMAKE_INSTALL_BINDIR}/Lantir.app\" \"\${app}\")
  endif()
  if(NOT EXISTS \"\${app}/Contents/MacOS/Lantir\")
    message(FATAL_ERROR \"Lantir.app was not installed to \${root}\")
  endif()
  set(cli \"\${root}/${CMAKE_INSTALL_BINDIR}/lantir-sync\")
  if(EXISTS \"\${cli}\")
    file(RENAME \"\${cli}\" \"\${app}/Contents/MacOS/lantir-sync\")
  endif()
  file(GLOB left \"\${root}/${CMAKE_INSTALL_BINDIR}/*\")
  if(NOT left)
    file(REMOVE_RECURSE \"\${root}/${CMAKE_INSTALL_BINDIR}\")
  endif()
  execute_process(
    COMMAND \"${LANTIR_MACDEPLOYQT}\" \"\${app}\" \"-executable=\${app}/Contents/MacOS/lantir-sync\"
            -always-overwrite -verbose=1
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR \"macdeployqt failed (\${status}); Lantir.app would lack Qt\")
  endif()
  execute_process(
    COMMAND codesign --force --deep --sign \"${LANTIR_MACOS_SIGN_IDENTITY}\" \"\${app}\"
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR \"codesign failed (\${status}) for identity '${LANTIR_MACOS_SIGN_IDENTITY}'\")
  endif()
")

install(FILES ${LANTIR_LICENSE_FILE} DESTINATION ${LANTIR_DOC_DIR} RENAME LICENSE.txt)
